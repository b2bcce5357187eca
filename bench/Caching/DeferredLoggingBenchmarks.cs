using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Logging;
using XaiGrok.Onboarding.Logging;

namespace XaiGrok.Onboarding.Bench.Caching;

/// <summary>
/// The module's own logging as a call that logs nothing uses it (the CLI and scripts at the default level): built,
/// the loggers of a runtime created, the level asked, disposed. Deferred (<see cref="OnboardingLogging.Create(OnboardingOptions, TimeProvider)"/>)
/// against built at once (the factory and stderr provider it defers). Warm figures; the cold cost in a fresh process,
/// which is what a CLI call pays, is <c>bench logging-process</c>.
/// </summary>
[Config(typeof(BenchConfig))]
public class DeferredLoggingBenchmarks
{
    private static readonly string[] Categories = ["XaiGrok.Onboarding.Config", "XaiGrok.Onboarding.Provider", "XaiGrok.Onboarding.Session"];
    private readonly OnboardingOptions options = OnboardingOptions.FromEnvironment(_ => null);

    [Benchmark(Baseline = true, Description = "eager: LoggerFactory.Create + stderr provider")]
    public bool Eager()
    {
        using var factory = LoggingProcess.BuildEager(options.LogLevel, TextWriter.Null);
        return AskAll(factory);
    }

    [Benchmark(Description = "deferred: OnboardingLogging.Create")]
    public bool Deferred()
    {
        using var factory = OnboardingLogging.Create(options, TimeProvider.System, TextWriter.Null);
        return AskAll(factory);
    }

    private static bool AskAll(ILoggerFactory factory)
    {
        var any = false;
        foreach (var category in Categories)
        {
            any |= factory.CreateLogger(category).IsEnabled(LogLevel.Information);
        }

        return any;
    }
}
