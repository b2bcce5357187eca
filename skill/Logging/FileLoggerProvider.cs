using System.Text;
using Microsoft.Extensions.Logging;

namespace XaiGrok.Onboarding.Logging;

/// <summary>
/// Appends one line a message to <c>XAI_GROK_LOG_FILE</c>, opened before any request (<see cref="AppendOnlyFile.Open"/>:
/// a regular file, never a FIFO or a device, so a write never waits on another process). Each line is one write on a
/// file opened with <c>O_APPEND</c>, so several processes logging to the same file interleave whole lines. Written
/// synchronously: the CLI lives for a fraction of a second and a queued line would be lost at exit.
/// </summary>
internal sealed class FileLoggerProvider(AppendOnlyFile opened, TimeProvider clock) : ILoggerProvider
{
    private readonly Lock gate = new();
    private AppendOnlyFile? file = opened;

    public ILogger CreateLogger(string categoryName) => new FileLogger(this, categoryName);

    private DateTimeOffset Now() => clock.GetUtcNow();

    /// <summary>Closes the file; a line logged afterwards is dropped (its descriptor number may name another file by then).</summary>
    public void Dispose()
    {
        lock (gate)
        {
            file?.Dispose();
            file = null;
        }
    }

    private void Write(string line)
    {
        var bytes = Encoding.UTF8.GetBytes(line);
        lock (gate)
        {
            if (file is null)
            {
                return;
            }

            try
            {
                file.Write(bytes);
            }
            catch (IOException exception)
            {
                // Logging must never break the call it describes; say once on stderr that the file is unusable. Not
                // from this thread: a refresh may be waiting for its answer to be stored, and stderr can be a full pipe.
                file.Dispose();
                file = null;
                var notice = $"xai-grok-onboarding: cannot write the log file: {exception.Message}";
                _ = Task.Run(() => Console.Error.WriteLine(notice));
            }
        }
    }

    private sealed class FileLogger(FileLoggerProvider owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            owner.Write(LogLine.Format(owner.Now(), logLevel, category, formatter(state, exception), exception));
        }
    }
}
