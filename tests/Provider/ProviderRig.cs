using System.Diagnostics;
using XaiGrok.Onboarding.Runtime;
using XaiGrok.Onboarding.Tests.Support;

namespace XaiGrok.Onboarding.Tests.Provider;

/// <summary>
/// A state folder and a provider script for one test. The provider runs as a real process, so these tests use the
/// system clock: its timeout is real, kept short.
/// </summary>
internal sealed class ProviderRig : IDisposable
{
    private readonly TestHome home = new();
    private readonly List<GrokOnboarding> modules = [];

    public string Home => home.Path;

    public string ScriptFolder => home.Parent;

    /// <summary>Writes an executable script and returns its path.</summary>
    public string Script(string body, bool executable = true)
    {
        var path = Path.Combine(ScriptFolder, "provider-" + Guid.NewGuid().ToString("N")[..8] + ".sh");
        File.WriteAllText(path, "#!/bin/sh\n" + body + "\n");
        if (executable && !OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        return path;
    }

    public GrokOnboarding Module(string? command, Func<OnboardingOptions, OnboardingOptions>? configure = null, Func<string, string?>? environment = null, Microsoft.Extensions.Logging.ILoggerFactory? log = null)
    {
        var options = new OnboardingOptions
        {
            Home = Home,
            ProviderCommand = command,
            ProviderTimeout = TimeSpan.FromSeconds(3),
            Issuer = new Uri("http://127.0.0.1:9"),
            ApiBaseUrl = new Uri("http://127.0.0.1:9/v1"),
        };
        var module = new GrokOnboarding(new OnboardingRuntime(configure?.Invoke(options) ?? options, TimeProvider.System, environment: environment, loggerFactory: log));
        modules.Add(module);
        return module;
    }

    public static async Task<(T Result, TimeSpan Took)> TimedAsync<T>(Func<Task<T>> call)
    {
        var watch = Stopwatch.StartNew();
        var result = await call();
        return (result, watch.Elapsed);
    }

    public void Dispose()
    {
        foreach (var module in modules)
        {
            module.Dispose();
        }

        home.Dispose();
    }
}
