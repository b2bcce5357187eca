using XaiGrok.Onboarding.Errors;

namespace XaiGrok.Onboarding.Lanes;

/// <summary>One piece of a streamed chat: a text delta, then exactly one end (the whole answer, or a failure).</summary>
internal sealed record StreamPart(string? Delta, ChatAnswer? Answer, Failure? Failure, bool FailedOver = false);
