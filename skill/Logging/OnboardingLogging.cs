using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace XaiGrok.Onboarding.Logging;

/// <summary>
/// The module's own logging when the host gives none: <c>XAI_GROK_LOG</c> sets the level (default error) and
/// <c>XAI_GROK_LOG_FILE</c> the file; otherwise lines go to stderr, never stdout, which carries the CLI's JSON.
/// </summary>
internal static class OnboardingLogging
{
    public static DeferredLoggerFactory Create(OnboardingOptions options, TimeProvider clock) =>
        new(options.LogLevel, () => options.LogFile is { } file ? ToFile(file, options.LogLevel, clock) : ToStandardError(options.LogLevel));

    private static ILoggerFactory ToFile(string file, LogLevel level, TimeProvider clock) =>
        LoggerFactory.Create(builder => builder.SetMinimumLevel(level).AddProvider(new FileLoggerProvider(file, clock)));

    private static ILoggerFactory ToStandardError(LogLevel level) =>
        LoggerFactory.Create(builder => builder
            .SetMinimumLevel(level)
            .AddSimpleConsole(console =>
            {
                console.SingleLine = true;
                console.UseUtcTimestamp = true;
                console.TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z' ";
                console.ColorBehavior = LoggerColorBehavior.Disabled;
            })
            .AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace));
}
