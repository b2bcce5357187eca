namespace XaiGrok.Onboarding;

/// <summary>Whole seconds from now to a moment, never negative: what "expires in" means in every result.</summary>
internal static class Seconds
{
    public static long Until(DateTimeOffset moment, TimeProvider clock) =>
        (long)Math.Max(0, Math.Floor((moment - clock.GetUtcNow()).TotalSeconds));
}
