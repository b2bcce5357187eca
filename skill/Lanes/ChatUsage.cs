namespace XaiGrok.Onboarding.Lanes;

/// <summary>Token counts as the lane reported them (null when it did not).</summary>
internal sealed record ChatUsage(long? InputTokens, long? OutputTokens, long? ReasoningTokens);
