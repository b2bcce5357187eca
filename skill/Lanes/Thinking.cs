namespace XaiGrok.Onboarding;

/// <summary>
/// How hard a reasoning or multi-agent model thinks (<c>{"effort": "low"|"medium"|"high"}</c>); for multi-agent
/// models it sets how many agents collaborate. Sent as <c>reasoning.effort</c> on the Responses API.
/// </summary>
/// <param name="Effort">low, medium or high.</param>
public sealed record Thinking(string Effort)
{
    /// <summary>The efforts xAI accepts.</summary>
    public static readonly IReadOnlyList<string> Efforts = ["low", "medium", "high"];

    /// <summary>Low effort: fastest.</summary>
    public static Thinking Low { get; } = new("low");

    /// <summary>Medium effort.</summary>
    public static Thinking Medium { get; } = new("medium");

    /// <summary>High effort: most thorough (more agents on multi-agent models).</summary>
    public static Thinking High { get; } = new("high");

    internal bool IsValid => Efforts.Contains(Effort);
}
