using System.Text.Json;
using XaiGrok.Onboarding.Protocol;
using static XaiGrok.Onboarding.Protocol.JsonShape;

namespace XaiGrok.Onboarding.Lanes;

/// <summary>
/// Reads a finished (non-streamed) answer of either lane into one <see cref="ChatAnswer"/>; null when unusable: not
/// JSON, no answer in it, or a field it reads of the wrong type (<see cref="JsonShape"/>).
/// </summary>
internal static class ChatAnswerReader
{
    public static ChatAnswer? ChatCompletion(ReadOnlyMemory<byte> body, string model)
    {
        using var json = JsonObjectReader.TryParse(body);
        return json is null ? null : Read(() => ChatCompletion(json.Root, model));
    }

    public static ChatAnswer? Response(ReadOnlyMemory<byte> body, string model)
    {
        using var json = JsonObjectReader.TryParse(body);
        return json is null ? null : Read(() => Response(json.Root, model));
    }

    /// <summary>A Responses API <c>response</c> object: the text of its message items, its status, its usage.</summary>
    /// <exception cref="JsonShapeException">A field it reads has the wrong type.</exception>
    public static ChatAnswer? Response(JsonElement response, string model)
    {
        if (Array(response, "output") is not { } output)
        {
            return null;
        }

        var text = new System.Text.StringBuilder();
        foreach (var item in output.EnumerateArray())
        {
            if (String(item, "type") != "message" || Array(item, "content") is not { } parts)
            {
                continue;
            }

            foreach (var part in parts.EnumerateArray())
            {
                if (String(part, "type") == "output_text" && String(part, "text") is { } piece)
                {
                    text.Append(piece);
                }
            }
        }

        return new ChatAnswer(model, Lane.Responses, text.ToString(), FinishReasonOf(response), ResponseUsage(response));
    }

    /// <exception cref="JsonShapeException">A field it reads has the wrong type.</exception>
    public static ChatUsage? ChatCompletionUsage(JsonElement root) =>
        Object(root, "usage") is { } usage
            ? new ChatUsage(Integer(usage, "prompt_tokens"), Integer(usage, "completion_tokens"), Object(usage, "completion_tokens_details") is { } details ? Integer(details, "reasoning_tokens") : null)
            : null;

    private static ChatAnswer? ChatCompletion(JsonElement root, string model)
    {
        if (Array(root, "choices") is not { } choices || choices.GetArrayLength() == 0 || Object(choices[0], "message") is not { } message)
        {
            return null;
        }

        return new ChatAnswer(model, Lane.ChatCompletions, String(message, "content") ?? "", String(choices[0], "finish_reason"), ChatCompletionUsage(root));
    }

    private static ChatUsage? ResponseUsage(JsonElement response) =>
        Object(response, "usage") is { } usage
            ? new ChatUsage(Integer(usage, "input_tokens"), Integer(usage, "output_tokens"), Object(usage, "output_tokens_details") is { } details ? Integer(details, "reasoning_tokens") : null)
            : null;

    // The Responses API has a status instead of a finish reason: "completed" is the chat lane's "stop".
    private static string? FinishReasonOf(JsonElement response) => String(response, "status") switch
    {
        "completed" => "stop",
        "incomplete" => Object(response, "incomplete_details") is { } details ? String(details, "reason") ?? "incomplete" : "incomplete",
        var other => other,
    };
}
