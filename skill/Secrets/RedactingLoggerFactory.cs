using System.Collections;
using System.Globalization;
using Microsoft.Extensions.Logging;

namespace XaiGrok.Onboarding.Secrets;

/// <summary>
/// The one way the module logs, to the host's factory or its own: every line (its text, its structured values and the
/// exception's text) passes through <see cref="SecretRegistry.Redact"/> before any provider sees it. The module's
/// messages are written not to carry secrets; this is the net under them for what a server or a provider echoes back.
/// </summary>
internal sealed class RedactingLoggerFactory(ILoggerFactory inner, SecretRegistry secrets) : ILoggerFactory
{
    /// <summary>The factory the redacted lines go to.</summary>
    public ILoggerFactory Inner => inner;

    public ILogger CreateLogger(string categoryName) => new RedactingLogger(inner.CreateLogger(categoryName), secrets);

    public void AddProvider(ILoggerProvider provider) => inner.AddProvider(provider);

    // The inner factory belongs to whoever made it (the host, or the runtime for its own).
    public void Dispose()
    {
    }

    private sealed class RedactingLogger(ILogger inner, SecretRegistry secrets) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => inner.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!inner.IsEnabled(logLevel))
            {
                return;
            }

            var line = new RedactedLine(secrets.Redact(formatter(state, exception)), Values(state));
            var shown = exception is null ? null : new RedactedException(exception, secrets);
            inner.Log(logLevel, eventId, line, shown, static (redacted, _) => redacted.Message);
        }

        private KeyValuePair<string, object?>[] Values<TState>(TState state) => state is IEnumerable<KeyValuePair<string, object?>> pairs
            ? [.. pairs.Select(pair => new KeyValuePair<string, object?>(pair.Key, Redact(pair.Value)))]
            : [];

        // Numbers, times and flags cannot hold a secret; anything else is passed on as its redacted text.
        private object? Redact(object? value) => value switch
        {
            null or bool or int or long or double or DateTimeOffset or TimeSpan or Enum => value,
            _ => secrets.Redact(Convert.ToString(value, CultureInfo.InvariantCulture) ?? ""),
        };
    }

    /// <summary>A log line's redacted text and values, as structured-logging providers read them.</summary>
    private sealed class RedactedLine(string message, KeyValuePair<string, object?>[] values) : IReadOnlyList<KeyValuePair<string, object?>>
    {
        public string Message => message;

        public int Count => values.Length;

        public KeyValuePair<string, object?> this[int index] => values[index];

        public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, object?>>)values).GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        public override string ToString() => message;
    }

    /// <summary>Stands in for a logged exception: its type, message and stack trace as text, redacted.</summary>
    private sealed class RedactedException(Exception original, SecretRegistry secrets) : Exception(secrets.Redact(original.Message))
    {
        private readonly string text = secrets.Redact(original.ToString());

        public override string ToString() => text;
    }
}
