using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using XaiGrok.Onboarding.Logging;
using XaiGrok.Onboarding.Tests.Support;
using Xunit;

namespace XaiGrok.Onboarding.Tests.Logging;

/// <summary>
/// The library's own stderr logger (in place of the console logger, which the library may not depend on): lines in
/// order and all written by disposal; a stderr nobody drains never makes a log call wait, and costs disposal at most
/// its budget; a full queue drops lines instead of growing.
/// </summary>
public sealed class StderrLoggerProviderTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Lines_AreWrittenInOrder_OneFormat_AndAllOfThemByDisposal()
    {
        var stderr = new StringWriter();
        using (var provider = new StderrLoggerProvider(stderr, new FakeTimeProvider(Now)))
        {
            var log = provider.CreateLogger("XaiGrok.Onboarding.Test");
            for (var i = 0; i < 50; i++)
            {
                log.LogWarning("line {Number}", i);
            }
        }

        var lines = stderr.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(50, lines.Length);
        Assert.All(lines.Select((line, i) => (line, i)), pair => Assert.EndsWith($"XaiGrok.Onboarding.Test: line {pair.i}", pair.line, StringComparison.Ordinal));
        Assert.StartsWith("2026-12-07T12:00:00.000Z warn [", lines[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task AStderrThatBlocks_NeverHoldsALogCall_DropsPastTheQueue_AndHoldsDisposalOnlyItsBudget()
    {
        using var release = new ManualResetEventSlim();
        var stderr = new BlockingWriter(release);
        var provider = new StderrLoggerProvider(stderr, new FakeTimeProvider(Now));
        var log = provider.CreateLogger("XaiGrok.Onboarding.Test");

        // Far more lines than the queue holds, while the writer is stuck on the first: every call returns at once.
        var logging = Task.Run(() =>
        {
            for (var i = 0; i < 10 * StderrLoggerProvider.QueueLength; i++)
            {
                log.LogError("line {Number}", i);
            }
        }, TestContext.Current.CancellationToken);
        await logging.WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);

        // Disposal gives up on the stuck writer after its budget (about a second) instead of waiting for it.
        await Task.Run(provider.Dispose, TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);

        // Released, the writer writes what the queue kept: the line it was stuck on and a full queue; the rest was dropped.
        release.Set();
        await Eventually.WaitUntilAsync(() => stderr.Lines >= StderrLoggerProvider.QueueLength, "the queued lines are written once stderr drains");
        Assert.InRange(stderr.Lines, StderrLoggerProvider.QueueLength, StderrLoggerProvider.QueueLength + 1);
    }

    /// <summary>A stderr whose writes wait until released (a pipe nobody reads), then take everything.</summary>
    private sealed class BlockingWriter(ManualResetEventSlim release) : StringWriter
    {
        private int lines;

        public int Lines => Volatile.Read(ref lines);

        public override Task WriteAsync(string? value)
        {
            release.Wait();
            Interlocked.Increment(ref lines);
            return Task.CompletedTask;
        }

        public override Task FlushAsync() => Task.CompletedTask;
    }
}
