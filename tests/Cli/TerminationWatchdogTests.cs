using Microsoft.Extensions.Time.Testing;
using XaiGrok.Onboarding.Cli;
using Xunit;

namespace XaiGrok.Onboarding.Tests.Cli;

/// <summary>SIGTERM's backstop: the verb is cancelled at once, and the process ended only if the verb outlives the grace.</summary>
public sealed class TerminationWatchdogTests
{
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(3);

    [Fact]
    public void Request_CancelsTheVerb_ThenEndsTheProcessWhenTheGraceRunsOut()
    {
        var clock = new FakeTimeProvider();
        using var verb = new CancellationTokenSource();
        var ended = 0;
        using var watchdog = new TerminationWatchdog(verb, clock, Grace, () => ended++);

        Assert.True(watchdog.Request());
        Assert.True(verb.IsCancellationRequested);
        Assert.True(watchdog.Requested);
        clock.Advance(Grace - TimeSpan.FromMilliseconds(1));
        Assert.Equal(0, ended);
        clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(1, ended);
    }

    [Fact]
    public void VerbEndsWithinTheGrace_NothingIsCutShort()
    {
        var clock = new FakeTimeProvider();
        using var verb = new CancellationTokenSource();
        var ended = 0;
        var watchdog = new TerminationWatchdog(verb, clock, Grace, () => ended++);

        watchdog.Request();
        watchdog.Dispose();
        clock.Advance(Grace * 2);

        Assert.Equal(0, ended);
    }

    [Fact]
    public void KeptUntilExit_AfterTheVerbAnswered_TheDeadlineStillEndsAnExitThatWaits()
    {
        var clock = new FakeTimeProvider();
        using var verb = new CancellationTokenSource();
        var ended = 0;
        var watchdog = new TerminationWatchdog(verb, clock, Grace, () => ended++);

        Assert.True(watchdog.Request());
        watchdog.KeepUntilExit();
        watchdog.Dispose();
        clock.Advance(Grace);

        Assert.Equal(1, ended);
    }

    [Fact]
    public void KeepUntilExit_WithoutASignal_ChangesNothing()
    {
        var clock = new FakeTimeProvider();
        using var verb = new CancellationTokenSource();
        var ended = 0;
        var watchdog = new TerminationWatchdog(verb, clock, Grace, () => ended++);

        watchdog.KeepUntilExit();
        watchdog.Dispose();
        clock.Advance(Grace * 2);

        Assert.Equal(0, ended);
        Assert.False(watchdog.Request());
    }

    [Fact]
    public void SecondSignal_IsLeftToTheDefaultAction()
    {
        using var verb = new CancellationTokenSource();
        using var watchdog = new TerminationWatchdog(verb, new FakeTimeProvider(), Grace, () => { });

        Assert.True(watchdog.Request());
        Assert.False(watchdog.Request());
    }

    [Fact]
    public void NoSignal_NoCancellation()
    {
        var clock = new FakeTimeProvider();
        using var verb = new CancellationTokenSource();
        var ended = 0;
        using (new TerminationWatchdog(verb, clock, Grace, () => ended++))
        {
            clock.Advance(Grace * 2);
        }

        Assert.False(verb.IsCancellationRequested);
        Assert.Equal(0, ended);
    }
}
