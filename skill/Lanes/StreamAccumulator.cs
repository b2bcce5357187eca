using System.Text;
using System.Text.Json;
using XaiGrok.Onboarding.Protocol;

namespace XaiGrok.Onboarding.Lanes;

/// <summary>
/// Reads one server-sent event of either lane: the text delta it carries, and whether the stream is complete
/// (chat completions: <c>[DONE]</c>; Responses API: <c>response.completed</c>). Collects the whole answer on the way.
/// </summary>
internal sealed class StreamAccumulator(string model, Lane lane)
{
    private readonly StringBuilder text = new();
    private string? finishReason;
    private ChatUsage? usage;

    public bool Completed { get; private set; }

    /// <summary>The server's own error event, when it sent one instead of completing.</summary>
    public string? ServerError { get; private set; }

    public ChatAnswer Answer => new(model, lane, text.ToString(), finishReason, usage);

    /// <summary>Takes one event; returns its text delta (null when it carries none).</summary>
    public string? Take(string? eventType, string data)
    {
        if (lane == Lane.ChatCompletions && data.Trim() == "[DONE]")
        {
            Completed = true;
            return null;
        }

        using var json = JsonObjectReader.TryParse(Encoding.UTF8.GetBytes(data));
        if (json is null)
        {
            return null;
        }

        return lane == Lane.ChatCompletions ? TakeChunk(json.Root) : TakeResponseEvent(eventType, json.Root);
    }

    private string? TakeChunk(JsonElement chunk)
    {
        if (ChatAnswerReader.ChatCompletionUsage(chunk) is { } reported)
        {
            usage = reported;
        }

        if (chunk.TryGetProperty("error", out var error))
        {
            ServerError = error.ValueKind == JsonValueKind.Object ? ChatAnswerReader.StringOf(error, "message") ?? "error" : error.ToString();
            return null;
        }

        if (!chunk.TryGetProperty("choices", out var choices) || choices.ValueKind != JsonValueKind.Array || choices.GetArrayLength() == 0)
        {
            return null;
        }

        var choice = choices[0];
        finishReason = ChatAnswerReader.StringOf(choice, "finish_reason") ?? finishReason;
        var delta = choice.TryGetProperty("delta", out var d) ? ChatAnswerReader.StringOf(d, "content") : null;
        return Append(delta);
    }

    private string? TakeResponseEvent(string? eventType, JsonElement payload)
    {
        var type = ChatAnswerReader.StringOf(payload, "type") ?? eventType;
        switch (type)
        {
            case "response.output_text.delta":
                return Append(ChatAnswerReader.StringOf(payload, "delta"));
            case "response.completed" or "response.incomplete":
                if (payload.TryGetProperty("response", out var response) && ChatAnswerReader.Response(response, model) is { } final)
                {
                    finishReason = final.FinishReason;
                    usage = final.Usage;
                }

                Completed = true;
                return null;
            case "response.failed" or "error":
                ServerError = payload.TryGetProperty("response", out var failed) && failed.TryGetProperty("error", out var detail)
                    ? ChatAnswerReader.StringOf(detail, "message") ?? "response failed"
                    : ChatAnswerReader.StringOf(payload, "message") ?? "response failed";
                return null;
            default:
                return null;
        }
    }

    private string? Append(string? delta)
    {
        if (string.IsNullOrEmpty(delta))
        {
            return null;
        }

        text.Append(delta);
        return delta;
    }
}
