using Microsoft.Extensions.Time.Testing;

namespace XaiGrok.Onboarding.Tests.Support;

/// <summary>
/// A <see cref="FakeTimeProvider"/> whose pending timers a test can see. FakeTimeProvider keeps its timers private,
/// yet some tests must move time only once the code under test is waiting (a listener's idle timer, a poll
/// interval, a lock's retry wait), and by exactly as long as it waits: a jump past an unknown timer would also
/// fire the longer ones (HTTP timeouts) that real loopback calls are still inside.
/// </summary>
public sealed class WatchedFakeTimeProvider : FakeTimeProvider
{
    private readonly Lock gate = new();
    private readonly HashSet<WatchedTimer> timers = [];
    private TaskCompletionSource armed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public WatchedFakeTimeProvider()
    {
    }

    public WatchedFakeTimeProvider(DateTimeOffset start)
        : base(start)
    {
    }

    /// <summary>Timers that are scheduled to fire.</summary>
    public int ActiveTimers
    {
        get
        {
            lock (gate)
            {
                return timers.Count(t => t.Due is not null);
            }
        }
    }

    /// <summary>How long until the soonest timer fires; null when none is scheduled.</summary>
    public TimeSpan? NextTimerIn
    {
        get
        {
            // Read outside the lock: FakeTimeProvider may fire due timers on a read of the clock.
            var now = GetUtcNow();
            lock (gate)
            {
                var due = timers.Select(t => t.Due).Where(d => d is not null).Min();
                // A timer already due (fired by the next read, or racing this one) is due now, never in the past.
                return due is null ? null : due.Value > now ? due.Value - now : TimeSpan.Zero;
            }
        }
    }

    /// <summary>Completes when a timer is next armed (created or changed with a due time): what a waiting test awaits instead of polling.</summary>
    public Task NextTimerArmed
    {
        get
        {
            lock (gate)
            {
                return armed.Task;
            }
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var timer = new WatchedTimer(this);
        timer.Schedule(dueTime, period);

        // A zero due time fires inside base.CreateTimer, before Inner is set: the callback needs only the schedule.
        timer.Inner = base.CreateTimer(s => timer.Fire(callback, s), state, dueTime, period);
        return timer;
    }

    private sealed class WatchedTimer(WatchedFakeTimeProvider owner) : ITimer
    {
        private TimeSpan period;

        public ITimer? Inner { get; set; }

        public DateTimeOffset? Due { get; private set; }

        public void Schedule(TimeSpan dueTime, TimeSpan period)
        {
            var now = owner.GetUtcNow();
            TaskCompletionSource? wake = null;
            lock (owner.gate)
            {
                this.period = period == Timeout.InfiniteTimeSpan ? TimeSpan.Zero : period;
                Due = dueTime == Timeout.InfiniteTimeSpan ? null : now + dueTime;
                owner.timers.Add(this);
                if (Due is not null)
                {
                    wake = owner.armed;
                    owner.armed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                }
            }

            wake?.TrySetResult();
        }

        // FakeTimeProvider moves a periodic timer on by one period from when it was due.
        public void Fire(TimerCallback callback, object? state)
        {
            lock (owner.gate)
            {
                Due = period <= TimeSpan.Zero ? null : Due + period;
            }

            callback(state);
        }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (owner.gate)
            {
                if (!owner.timers.Contains(this))
                {
                    return false;
                }
            }

            // The schedule first: a zero due time fires inside Change.
            Schedule(dueTime, period);
            return Inner!.Change(dueTime, period);
        }

        public void Dispose()
        {
            lock (owner.gate)
            {
                owner.timers.Remove(this);
                Due = null;
            }

            Inner?.Dispose();
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
