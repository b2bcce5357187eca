using System.Text.Json;
using XaiGrok.Onboarding.Protocol;

namespace XaiGrok.Onboarding.Lanes;

/// <summary>Reads a finished (non-streamed) answer of either lane into one <see cref="ChatAnswer"/>; null when unusable.</summary>
internal static class ChatAnswerReader
{
    public static ChatAnswer? ChatCompletion(ReadOnlyMemory<byte> body, string model)
    {
        using var json = JsonObjectReader.TryParse(body);
        if (json is null || !json.TryArray("choices", out var choices) || choices.Value.GetArrayLength() == 0)
        {
            return null;
        }

        var first = choices.Value[0];
        if (first.ValueKind != JsonValueKind.Object || !first.TryGetProperty("message", out var message) || message.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var content = message.TryGetProperty("content", out var text) && text.ValueKind == JsonValueKind.String ? text.GetString() ?? "" : "";
        return new ChatAnswer(model, Lane.ChatCompletions, content, StringOf(first, "finish_reason"), ChatCompletionUsage(json.Root));
    }

    public static ChatAnswer? Response(ReadOnlyMemory<byte> body, string model)
    {
        using var json = JsonObjectReader.TryParse(body);
        return json is null ? null : Response(json.Root, model);
    }

    /// <summary>A Responses API <c>response</c> object: the text of its message items, its status, its usage.</summary>
    public static ChatAnswer? Response(JsonElement response, string model)
    {
        if (response.ValueKind != JsonValueKind.Object || !response.TryGetProperty("output", out var output) || output.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        var text = new System.Text.StringBuilder();
        foreach (var item in output.EnumerateArray())
        {
            if (StringOf(item, "type") != "message" || !item.TryGetProperty("content", out var parts) || parts.ValueKind != JsonValueKind.Array)
            {
                continue;
            }

            foreach (var part in parts.EnumerateArray())
            {
                if (StringOf(part, "type") == "output_text" && StringOf(part, "text") is { } piece)
                {
                    text.Append(piece);
                }
            }
        }

        return new ChatAnswer(model, Lane.Responses, text.ToString(), FinishReasonOf(response), ResponseUsage(response));
    }

    public static ChatUsage? ChatCompletionUsage(JsonElement root) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty("usage", out var usage) && usage.ValueKind == JsonValueKind.Object
            ? new ChatUsage(NumberOf(usage, "prompt_tokens"), NumberOf(usage, "completion_tokens"), Nested(usage, "completion_tokens_details", "reasoning_tokens"))
            : null;

    public static string? StringOf(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static ChatUsage? ResponseUsage(JsonElement response) =>
        response.TryGetProperty("usage", out var usage) && usage.ValueKind == JsonValueKind.Object
            ? new ChatUsage(NumberOf(usage, "input_tokens"), NumberOf(usage, "output_tokens"), Nested(usage, "output_tokens_details", "reasoning_tokens"))
            : null;

    // The Responses API has a status instead of a finish reason: "completed" is the chat lane's "stop".
    private static string? FinishReasonOf(JsonElement response) => StringOf(response, "status") switch
    {
        "completed" => "stop",
        "incomplete" when response.TryGetProperty("incomplete_details", out var details) => StringOf(details, "reason") ?? "incomplete",
        var other => other,
    };

    private static long? NumberOf(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number) ? number : null;

    private static long? Nested(JsonElement element, string outer, string inner) =>
        element.TryGetProperty(outer, out var details) && details.ValueKind == JsonValueKind.Object ? NumberOf(details, inner) : null;
}
