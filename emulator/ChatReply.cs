using System.Text.RegularExpressions;

namespace XaiGrok.Emulator;

/// <summary>The deterministic answer to a <see cref="ChatPrompt"/>: an echo, and usage counted in words.</summary>
internal sealed partial record ChatReply(int Number, long Created, string Model, string Text, int PromptTokens, int CompletionTokens, int ReasoningTokens)
{
    public int TotalTokens => PromptTokens + CompletionTokens;

    /// <summary>The text in one-word pieces, each with the whitespace after it; concatenated they give <see cref="Text"/> exactly.</summary>
    public IReadOnlyList<string> Pieces => [.. Piece().Matches(Text).Select(m => m.Value)];

    public static ChatReply For(ChatPrompt prompt, int number, long created)
    {
        var text = $"Echo from {prompt.Model}: {prompt.LastUserText}";
        var reasoning = ModelCatalog.Reasons(prompt.Model) ? ReasoningEffort.Tokens(prompt.Effort) : 0;
        return new ChatReply(number, created, prompt.Model, text, prompt.InputTexts.Sum(Words), Words(text), reasoning);
    }

    public static int Words(string text) => text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;

    // Leading whitespace (only possible at the start) goes with the first word.
    [GeneratedRegex(@"\G\s*\S+\s*")]
    private static partial Regex Piece();
}
