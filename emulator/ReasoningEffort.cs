namespace XaiGrok.Emulator;

/// <summary>The reasoning efforts xAI accepts, and how many reasoning tokens the emulator reports for each.</summary>
internal static class ReasoningEffort
{
    public const string Medium = "medium";

    public static IReadOnlyList<string> Levels { get; } = ["low", Medium, "high"];

    public static bool IsKnown(string effort) => Levels.Contains(effort, StringComparer.Ordinal);

    public static int Tokens(string? effort) => (effort ?? Medium) switch
    {
        "low" => 16,
        "high" => 256,
        _ => 64,
    };
}
