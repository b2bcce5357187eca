namespace XaiGrok.Onboarding.Lanes;

/// <summary>
/// The one place that decides a model's lane: multi-agent models go to the Responses API (xAI refuses them on chat
/// completions), every other Grok model to chat completions.
/// </summary>
internal static class LaneRouter
{
    /// <summary>Multi-agent models that can be called although <c>/v1/models</c> does not list them.</summary>
    public static readonly IReadOnlyList<string> KnownUnlistedMultiAgentModels = ["grok-4.20-multi-agent-0309"];

    public static Lane LaneFor(string upstreamModelId) =>
        upstreamModelId.Contains("multi-agent", StringComparison.OrdinalIgnoreCase) ? Lane.Responses : Lane.ChatCompletions;

    /// <summary>Whether a model takes a thinking effort: multi-agent models (reasoning.effort) and reasoning models.</summary>
    public static bool TakesThinking(string upstreamModelId) =>
        LaneFor(upstreamModelId) == Lane.Responses
        || (upstreamModelId.Contains("reasoning", StringComparison.OrdinalIgnoreCase) && !upstreamModelId.Contains("non-reasoning", StringComparison.OrdinalIgnoreCase));

    public static string Name(Lane lane) => lane == Lane.Responses ? "responses" : "chat_completions";
}
