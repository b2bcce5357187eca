using System.Text.Json;
using XaiGrok.Onboarding.Protocol;

namespace XaiGrok.Onboarding.Cli;

/// <summary>
/// The messages of <c>chat</c>: one <c>--message</c>, or JSON on stdin, either <c>[{role, content}]</c> or
/// <c>{"messages": [...]}</c>; a content may also be OpenAI-style parts (<c>[{type: "text", text}]</c>).
/// </summary>
internal static class ChatInput
{
    private const int MaxDepth = 64;

    public static IReadOnlyList<ChatMessage>? Parse(string json, out string? problem)
    {
        problem = null;
        var utf8 = System.Text.Encoding.UTF8.GetBytes(json);
        using var document = JsonText.TryParse(utf8, MaxDepth);
        if (document is null)
        {
            problem = JsonText.HasUndecodableEscape(utf8, MaxDepth)
                ? "stdin holds a \\u escape that is not valid Unicode (a lone surrogate such as \\ud800)."
                : "stdin is not valid JSON.";
            return null;
        }

        var root = document.RootElement;
        if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("messages", out var inner))
        {
            root = inner;
        }

        if (root.ValueKind != JsonValueKind.Array)
        {
            problem = "stdin must hold a JSON array of messages, or an object with a messages array.";
            return null;
        }

        var messages = new List<ChatMessage>();
        foreach (var item in root.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object || !item.TryGetProperty("role", out var role) || role.ValueKind != JsonValueKind.String
                || !item.TryGetProperty("content", out var content) || ContentText(content) is not { } text)
            {
                problem = "each message needs a string role and a content (a string, or text parts).";
                return null;
            }

            messages.Add(new ChatMessage(role.GetString()!, text));
        }

        return messages;
    }

    private static string? ContentText(JsonElement content) => content.ValueKind switch
    {
        JsonValueKind.String => content.GetString(),
        JsonValueKind.Array => string.Concat(content.EnumerateArray()
            .Where(part => part.ValueKind == JsonValueKind.Object && part.TryGetProperty("text", out var t) && t.ValueKind == JsonValueKind.String)
            .Select(part => part.GetProperty("text").GetString())),
        _ => null,
    };
}
