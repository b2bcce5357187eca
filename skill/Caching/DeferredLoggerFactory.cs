using Microsoft.Extensions.Logging;

namespace XaiGrok.Onboarding.Caching;

/// <summary>
/// Answers <see cref="ILogger.IsEnabled"/> from the configured level alone and builds the real logging providers on
/// the first message that passes it. A CLI call that logs nothing (a fresh <c>status</c> at the default level) never
/// pays for the console provider, its options and its background writer. <paramref name="owned"/> (an open log file) is
/// disposed with it, built or not.
/// </summary>
internal sealed class DeferredLoggerFactory(LogLevel minimum, Func<ILoggerFactory> build, IDisposable? owned = null) : ILoggerFactory
{
    private readonly Lazy<ILoggerFactory> inner = new(build, LazyThreadSafetyMode.ExecutionAndPublication);

    public LogLevel Minimum => minimum;

    /// <summary>Whether the providers were built (a message was written).</summary>
    public bool IsBuilt => inner.IsValueCreated;

    public ILogger CreateLogger(string categoryName) => new DeferredLogger(this, categoryName);

    public void AddProvider(ILoggerProvider provider) => inner.Value.AddProvider(provider);

    public void Dispose()
    {
        if (inner.IsValueCreated)
        {
            inner.Value.Dispose();
        }

        owned?.Dispose();
    }

    private sealed class DeferredLogger(DeferredLoggerFactory owner, string category) : ILogger
    {
        private ILogger? real;

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None && logLevel >= owner.Minimum;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }

            real ??= owner.inner.Value.CreateLogger(category);
            real.Log(logLevel, eventId, state, exception, formatter);
        }
    }
}
