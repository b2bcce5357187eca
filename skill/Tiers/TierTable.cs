namespace XaiGrok.Onboarding.Tiers;

/// <summary>
/// The access token's numeric <c>tier</c> claim, mapped as the vendor's own CLI maps it. xAI does not publish this
/// table: the model list from <c>/v1/models</c> is the truth about access; an unknown number is reported as unknown.
/// </summary>
internal static class TierTable
{
    public const string Unknown = "unknown";

    /// <summary>SuperGrok Heavy, the top of the table: nobody on it is told to upgrade.</summary>
    public const long HighestTier = 5;

    private static readonly string[] Names =
    [
        "Free",
        "SuperGrok",
        "X Basic",
        "X Premium",
        "X Premium+",
        "SuperGrok Heavy",
        "SuperGrok Lite",
        "SuperGrok Plus",
    ];

    public static string SubscriptionFor(long? tier) =>
        tier is { } number && number >= 0 && number < Names.Length ? Names[number] : Unknown;
}
