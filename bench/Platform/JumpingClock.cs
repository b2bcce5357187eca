namespace XaiGrok.Onboarding.Bench.Platform;

/// <summary>
/// The system's clock, whose wall time can be moved forward (<see cref="Advance"/>) while timers and timestamps stay
/// real: a jump past every token's lifetime expires them for the platform and the emulator alike, without firing the
/// timeouts of requests in flight or stalling a lock's retry wait, as a fake clock's jump or stillness would.
/// </summary>
internal sealed class JumpingClock : TimeProvider
{
    private long offsetTicks;

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow().AddTicks(Interlocked.Read(ref offsetTicks));

    public void Advance(TimeSpan by) => Interlocked.Add(ref offsetTicks, by.Ticks);
}
