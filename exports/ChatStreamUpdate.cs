namespace XaiGrok.Onboarding;

/// <summary>
/// One item of a streamed chat: a piece of text as it arrives (<see cref="Delta"/>), and last, exactly once, the
/// final <see cref="Result"/> (the same shape as a non-streamed chat's, or its error).
/// </summary>
/// <param name="Delta">New text, or null on the final item.</param>
/// <param name="Result">The final result on the last item; null before.</param>
public sealed record ChatStreamUpdate(string? Delta, SkillResult? Result);
