using XaiGrok.Onboarding.Lanes;

namespace XaiGrok.Onboarding;

/// <summary>Token counts of one answer, as xAI reported them (null when it did not).</summary>
/// <param name="InputTokens">Tokens of the request.</param>
/// <param name="OutputTokens">Tokens of the answer.</param>
/// <param name="ReasoningTokens">Tokens the model spent reasoning.</param>
public sealed record GrokUsage(long? InputTokens, long? OutputTokens, long? ReasoningTokens)
{
    internal static GrokUsage From(ChatUsage usage) => new(usage.InputTokens, usage.OutputTokens, usage.ReasoningTokens);
}
