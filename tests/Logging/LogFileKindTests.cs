using System.Runtime.Versioning;
using XaiGrok.Onboarding.Logging;
using XaiGrok.Onboarding.Tests.Reliability;
using XaiGrok.Onboarding.Tests.Support;
using Xunit;

namespace XaiGrok.Onboarding.Tests.Logging;

/// <summary>
/// The log file must be a regular file, opened without waiting: opening a FIFO for writing blocks until a reader comes,
/// and a process blocked there (perhaps after sending a refresh) neither stores its answer nor ends on SIGTERM.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class LogFileKindTests
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Open_FifoWithoutReader_IsRefusedWithoutBlocking()
    {
        using var home = new TestHome();
        var fifo = Path.Combine(home.Parent, "log.fifo");
        await LogSinkTests.MakeFifoAsync(fifo);

        var opening = Task.Run(() => AppendOnlyFile.Open(fifo), TestContext.Current.CancellationToken);
        var finished = await Task.WhenAny(opening, Task.Delay(Generous, TestContext.Current.CancellationToken));
        if (finished != opening)
        {
            // Let the blocked open complete (a reader arrives), so the test process keeps no stuck thread.
            await using var reader = new FileStream(fifo, FileMode.Open, FileAccess.Read);
            (await opening).Dispose();
            Assert.Fail("opening a FIFO without a reader blocked");
        }

        var refused = await Assert.ThrowsAsync<IOException>(() => opening);
        Assert.Contains("not a regular file", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Open_FifoWithAReader_IsRefused()
    {
        using var home = new TestHome();
        var fifo = Path.Combine(home.Parent, "log.fifo");
        await LogSinkTests.MakeFifoAsync(fifo);

        // A reader waiting in open() counts as a reader: a writer's open would succeed at once.
        var reading = Task.Run(() => new FileStream(fifo, FileMode.Open, FileAccess.Read), TestContext.Current.CancellationToken);
        try
        {
            var refused = Assert.Throws<IOException>(() => AppendOnlyFile.Open(fifo).Dispose());
            Assert.Contains("not a regular file", refused.Message, StringComparison.Ordinal);
        }
        finally
        {
            // Unblock the reader if it is still waiting for a writer.
            if (!reading.IsCompleted)
            {
                await using var writer = new FileStream(fifo, FileMode.Open, FileAccess.Write);
            }

            await (await reading).DisposeAsync();
        }
    }

    [Fact]
    public void Open_CharacterDevice_IsRefused()
    {
        var refused = Assert.Throws<IOException>(() => AppendOnlyFile.Open("/dev/null"));

        Assert.Contains("not a regular file", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_RegularFile_AppendsToIt()
    {
        using var home = new TestHome();
        var path = Path.Combine(home.Parent, "module.log");
        using (var file = AppendOnlyFile.Open(path))
        {
            file.Write("one\n"u8.ToArray());
        }

        using (var again = AppendOnlyFile.Open(path))
        {
            again.Write("two\n"u8.ToArray());
        }

        Assert.Equal("one\ntwo\n", File.ReadAllText(path));
    }
}
