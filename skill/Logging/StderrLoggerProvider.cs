using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace XaiGrok.Onboarding.Logging;

/// <summary>
/// Writes log lines to stderr from one background task through a bounded queue that drops lines when full, so no log
/// call ever waits on a reader: a refresh logs between sending its request and storing the answer, and stderr can be a
/// pipe nobody drains. Hand-written instead of the framework's console logger (which has the same queue) so that the
/// library carries no console-logging dependency; the tool and every host that gives no logger use this one.
/// </summary>
internal sealed class StderrLoggerProvider : ILoggerProvider
{
    internal const int QueueLength = 1024;

    /// <summary>How long disposal waits for queued lines to reach stderr; a stderr that blocks must not hold the exit.</summary>
    private static readonly TimeSpan DrainBudget = TimeSpan.FromSeconds(1);

    private readonly Channel<string> queue = Channel.CreateBounded<string>(new BoundedChannelOptions(QueueLength)
    {
        FullMode = BoundedChannelFullMode.DropWrite,
        SingleReader = true,
    });

    private readonly TimeProvider clock;
    private readonly Task writer;

    public StderrLoggerProvider(TextWriter stderr, TimeProvider clock)
    {
        this.clock = clock;
        writer = Task.Run(() => DrainAsync(stderr));
    }

    public ILogger CreateLogger(string categoryName) => new StderrLogger(this, categoryName);

    public void Dispose()
    {
        queue.Writer.TryComplete();
        writer.Wait(DrainBudget);
    }

    private async Task DrainAsync(TextWriter stderr)
    {
        await foreach (var line in queue.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            try
            {
                await stderr.WriteAsync(line).ConfigureAwait(false);
                await stderr.FlushAsync().ConfigureAwait(false);
            }
            catch (IOException)
            {
                // A closed stderr: the lines have nowhere to go, and logging never breaks the call it describes.
            }
        }
    }

    private sealed class StderrLogger(StderrLoggerProvider owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            owner.queue.Writer.TryWrite(LogLine.Format(owner.clock.GetUtcNow(), logLevel, category, formatter(state, exception), exception));
    }
}
