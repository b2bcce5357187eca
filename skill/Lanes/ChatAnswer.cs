namespace XaiGrok.Onboarding.Lanes;

/// <summary>A finished answer in one shape, whichever lane produced it.</summary>
internal sealed record ChatAnswer(string Model, Lane Lane, string Content, string? FinishReason, ChatUsage? Usage);
