namespace XaiGrok.Emulator;

/// <summary>What either chat dialect asked for, once read and validated.</summary>
/// <param name="Model">The model id the request named.</param>
/// <param name="InputTexts">Every text the caller sent (system, instructions, all turns): the prompt tokens count their words.</param>
/// <param name="LastUserText">The text of the last user turn, echoed back.</param>
/// <param name="Effort">low, medium or high; null when not given.</param>
/// <param name="Stream">Whether the answer goes out as server-sent events.</param>
/// <param name="IncludeUsage">Whether a streamed answer ends with a usage event.</param>
internal sealed record ChatPrompt(string Model, IReadOnlyList<string> InputTexts, string LastUserText, string? Effort, bool Stream, bool IncludeUsage);
