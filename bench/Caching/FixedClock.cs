namespace XaiGrok.Onboarding.Bench.Caching;

/// <summary>A clock stopped at one moment: as the file-system clock, one in the past makes no file look settled.</summary>
internal sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
