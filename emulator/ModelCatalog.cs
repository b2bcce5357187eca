namespace XaiGrok.Emulator;

/// <summary>
/// Which models /v1/models lists for each subscription tier (vendor numbering: 1 SuperGrok, 2 X Basic,
/// 3 X Premium, 4 X Premium+, 5 SuperGrok Heavy, 6 SuperGrok Lite, 7 SuperGrok Plus).
/// The multi-agent model is listed for API keys only: xAI lets OAuth callers use it without listing it.
/// </summary>
internal static class ModelCatalog
{
    /// <summary>A fixed "created" time (2026-01-01T00:00:00Z) so answers are reproducible.</summary>
    public const long CreatedUnixSeconds = 1767225600;

    private const int HeavyTier = 5;

    private static readonly string[] EveryPaidTier = ["grok-4.3", "grok-imagine-image"];
    private static readonly string[] FullTiers = ["grok-4.20-0309-reasoning", "grok-4.20-0309-non-reasoning", "grok-imagine-video"];
    private static readonly int[] FullTierNumbers = [1, 4, 5, 7];
    private static readonly string[] HeavyOnly = ["grok-build-0.1"];
    private static readonly string[] ApiKeyOnly = ["grok-4.20-multi-agent-0309"];

    public static IReadOnlyList<string> ForTier(int tier)
    {
        if (tier < 1)
        {
            return [];
        }

        IEnumerable<string> models = EveryPaidTier;
        if (FullTierNumbers.Contains(tier))
        {
            models = models.Concat(FullTiers);
        }

        if (tier == HeavyTier)
        {
            models = models.Concat(HeavyOnly);
        }

        return [.. models];
    }

    public static IReadOnlyList<string> ForApiKey() => [.. ForTier(HeavyTier), .. ApiKeyOnly];

    /// <summary>
    /// What an OAuth caller of that tier may call: its list, plus the multi-agent model for SuperGrok Heavy (or for
    /// every paid tier when <paramref name="multiAgentForEveryTier"/>).
    /// </summary>
    public static IReadOnlyList<string> CallableForTier(int tier, bool multiAgentForEveryTier = false) =>
        tier == HeavyTier ? ForApiKey()
        : multiAgentForEveryTier && tier >= 1 ? [.. ForTier(tier), .. ApiKeyOnly]
        : ForTier(tier);

    public static bool IsMultiAgent(string id) => id.Contains("multi-agent", StringComparison.Ordinal);

    public static bool IsImagine(string id) => id.StartsWith("grok-imagine-", StringComparison.Ordinal);

    /// <summary>A reasoning model by name ("...-reasoning", not "...-non-reasoning"): accepts reasoning_effort.</summary>
    public static bool IsReasoning(string id) =>
        id.Contains("reasoning", StringComparison.Ordinal) && !id.Contains("non-reasoning", StringComparison.Ordinal);

    /// <summary>Whether answers of that model report reasoning tokens.</summary>
    public static bool Reasons(string id) => IsReasoning(id) || IsMultiAgent(id);
}
