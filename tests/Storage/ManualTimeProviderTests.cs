using XaiGrok.Onboarding.Tests.Support;
using Xunit;

namespace XaiGrok.Onboarding.Tests.Storage;

public sealed class ManualTimeProviderTests
{
    [Fact]
    public void Advance_MovesNowAndTimestampsTogether()
    {
        var clock = new ManualTimeProvider();
        var startedAt = clock.GetUtcNow();
        var started = clock.GetTimestamp();

        clock.Advance(TimeSpan.FromSeconds(3));

        Assert.Equal(startedAt + TimeSpan.FromSeconds(3), clock.GetUtcNow());
        Assert.Equal(TimeSpan.FromSeconds(3), clock.GetElapsedTime(started));
    }

    [Fact]
    public void Delay_CompletesOnlyOnceTimeReachesIt()
    {
        var clock = new ManualTimeProvider();

        var delay = Task.Delay(TimeSpan.FromSeconds(1), clock, TestContext.Current.CancellationToken);
        clock.Advance(TimeSpan.FromMilliseconds(999));
        Assert.False(delay.IsCompleted);
        clock.Advance(TimeSpan.FromMilliseconds(1));

        Assert.True(delay.IsCompletedSuccessfully);
        Assert.Equal(0, clock.ActiveTimers);
    }

    [Fact]
    public void PeriodicTimer_FiresOncePerPeriodAndStopsWhenDisposed()
    {
        var clock = new ManualTimeProvider();
        var fired = new List<DateTimeOffset>();
        var timer = clock.CreateTimer(_ => fired.Add(clock.GetUtcNow()), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2));

        clock.Advance(TimeSpan.FromSeconds(5));
        timer.Dispose();
        clock.Advance(TimeSpan.FromSeconds(5));

        var start = clock.GetUtcNow() - TimeSpan.FromSeconds(10);
        Assert.Equal([start.AddSeconds(1), start.AddSeconds(3), start.AddSeconds(5)], fired);
        Assert.False(timer.Change(TimeSpan.Zero, Timeout.InfiniteTimeSpan));
    }

    [Fact]
    public void Change_ReschedulesFromNow()
    {
        var clock = new ManualTimeProvider();
        var fired = 0;
        using var timer = clock.CreateTimer(_ => fired++, null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);

        clock.Advance(TimeSpan.FromSeconds(10));
        Assert.True(timer.Change(TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan));
        clock.Advance(TimeSpan.FromSeconds(10));

        Assert.Equal(1, fired);
    }
}
