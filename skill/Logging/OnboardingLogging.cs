using Microsoft.Extensions.Logging;
using XaiGrok.Onboarding.Caching;

namespace XaiGrok.Onboarding.Logging;

/// <summary>
/// The module's own logging when the host gives none: <c>XAI_GROK_LOG</c> sets the level (default error) and
/// <c>XAI_GROK_LOG_FILE</c> the file; otherwise lines go to stderr, never stdout, which carries the CLI's JSON.
/// No log call waits on a reader: a refresh logs between sending its request and storing the answer, and a wait there
/// would lose the session. So the file is opened here, before any request, and only if it is a regular file (else one
/// warning on stderr and the lines go to stderr); stderr lines go through a bounded queue
/// (<see cref="StderrLoggerProvider"/>) that drops lines rather than block when stderr is a pipe nobody drains.
/// </summary>
internal static class OnboardingLogging
{
    public static DeferredLoggerFactory Create(OnboardingOptions options, TimeProvider clock) => Create(options, clock, Console.Error);

    /// <summary>As <see cref="Create(OnboardingOptions, TimeProvider)"/>, with the unusable-file warning written to <paramref name="warnings"/>.</summary>
    internal static DeferredLoggerFactory Create(OnboardingOptions options, TimeProvider clock, TextWriter warnings)
    {
        var level = options.LogLevel;
        if (level != LogLevel.None && options.LogFile is { } path)
        {
            try
            {
                var file = new FileLoggerProvider(AppendOnlyFile.Open(path), clock);
                return new DeferredLoggerFactory(level, () => ToFile(file, level), owned: file);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                warnings.WriteLine($"xai-grok-onboarding: XAI_GROK_LOG_FILE cannot be used, so the log goes to stderr: {exception.Message}");
            }
        }

        return new DeferredLoggerFactory(level, () => ToStandardError(level, clock));
    }

    private static ILoggerFactory ToFile(FileLoggerProvider file, LogLevel level) =>
        LoggerFactory.Create(builder => builder.SetMinimumLevel(level).AddProvider(file));

    private static ILoggerFactory ToStandardError(LogLevel level, TimeProvider clock) =>
        LoggerFactory.Create(builder => builder.SetMinimumLevel(level).AddProvider(new StderrLoggerProvider(Console.Error, clock)));
}
