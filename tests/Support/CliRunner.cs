using System.Diagnostics;

namespace XaiGrok.Onboarding.Tests.Support;

/// <summary>
/// Runs the real CLI (the root project's build output) as a subprocess with a controlled environment: every
/// XAI_/GROK_ variable (and RUST_LOG) of the test process and any desktop session (DISPLAY, BROWSER) are removed, then the given ones set.
/// </summary>
public static class CliRunner
{
    private static readonly Lazy<string> CliPath = new(FindCli);

    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public static string CliDll => CliPath.Value;

    public static async Task<CliRun> RunAsync(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var start = StartInfo(environment, args);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the CLI");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"the CLI did not exit within 60 s: {string.Join(' ', args)}");
        }

        return new CliRun(process.ExitCode, await stdout, await stderr);
    }

    public static ProcessStartInfo StartInfo(IReadOnlyDictionary<string, string> environment, params string[] args) =>
        DotnetStartInfo(CliDll, environment, args);

    /// <summary>
    /// As <see cref="StartInfo"/>, for a test that sends the CLI SIGINT: a process started from a background job
    /// inherits SIGINT ignored, and .NET keeps an ignored SIGINT ignored, so <c>env</c> resets it to the default
    /// before it execs the CLI (same pid).
    /// </summary>
    public static ProcessStartInfo InterruptibleStartInfo(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var start = StartInfo(environment, args);
        var passed = start.ArgumentList.ToArray();
        start.FileName = "env";
        start.ArgumentList.Clear();
        foreach (var word in (string[])["--default-signal=INT", "dotnet", .. passed])
        {
            start.ArgumentList.Add(word);
        }

        return start;
    }

    /// <summary>Runs <c>dotnet DLL ARGS</c> (any program of this repository) with the same environment clean-up as the CLI.</summary>
    public static ProcessStartInfo DotnetStartInfo(string dll, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var name in start.Environment.Keys.ToArray())
        {
            // RUST_LOG is the Grok CLI's log level, which the CLI reads too.
            if (name.StartsWith("XAI_", StringComparison.Ordinal) || name.StartsWith("GROK_", StringComparison.Ordinal) || name == "RUST_LOG")
            {
                start.Environment.Remove(name);
            }
        }

        // No test opens a browser: login opens one only where a desktop session (or BROWSER) says there is one.
        foreach (var name in new[] { "DISPLAY", "WAYLAND_DISPLAY", "BROWSER" })
        {
            start.Environment.Remove(name);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        return start;
    }

    /// <summary>
    /// The build output of a project of this repository, built in the tests' configuration: the tests run from
    /// tests/bin/&lt;Configuration&gt;/net10.0, each project builds to its own bin/&lt;Configuration&gt;/net10.0.
    /// </summary>
    public static string BuildOutput(string projectFolder, string dllName)
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent?.Name ?? "Debug";
        var candidate = Path.Combine(RepositoryRoot, projectFolder, "bin", configuration, "net10.0", dllName);
        return File.Exists(candidate) ? candidate : throw new FileNotFoundException($"build {projectFolder} first", candidate);
    }

    private static string FindCli() => BuildOutput("", "xai-grok-onboarding.dll");

    private static string FindRepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "xai-grok-onboarding.csproj")))
            {
                return folder.FullName;
            }
        }

        throw new DirectoryNotFoundException("the repository root (with xai-grok-onboarding.csproj) was not found above the test binaries");
    }
}
