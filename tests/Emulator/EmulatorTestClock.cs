namespace XaiGrok.Onboarding.Tests.Emulator;

/// <summary>A clock the test moves by hand; shared by the emulator and the test.</summary>
internal sealed class EmulatorTestClock : TimeProvider
{
    private readonly Lock _gate = new();
    private DateTimeOffset _now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            return _now;
        }
    }

    public void Advance(TimeSpan by)
    {
        lock (_gate)
        {
            _now += by;
        }
    }
}
