namespace XaiGrok.Emulator;

/// <summary>What either chat dialect asked for, once read and validated.</summary>
/// <param name="InputTexts">Every text the caller sent (system, instructions, all turns): the prompt tokens count their words.</param>
/// <param name="LastUserText">The text of the last user turn, echoed back.</param>
/// <param name="Effort">low, medium or high; null when not given.</param>
internal sealed record ChatPrompt(string Model, IReadOnlyList<string> InputTexts, string LastUserText, string? Effort, bool Stream, bool IncludeUsage);
