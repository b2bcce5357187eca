using System.Text;
using System.Text.Json;
using XaiGrok.Onboarding.Protocol;
using static XaiGrok.Onboarding.Protocol.JsonShape;

namespace XaiGrok.Onboarding.Lanes;

/// <summary>
/// Reads one server-sent event of either lane: the text delta it carries, and whether the stream is complete
/// (chat completions: <c>[DONE]</c>; Responses API: <c>response.completed</c>). Collects the whole answer on the way,
/// up to <paramref name="maxAnswerChars"/>. An event that is not a JSON object, or whose fields have the wrong type,
/// makes the stream unreadable (<see cref="Unreadable"/>); an empty one is a keep-alive.
/// </summary>
internal sealed class StreamAccumulator(string model, Lane lane, int maxAnswerChars = int.MaxValue)
{
    private readonly StringBuilder text = new();
    private string? finishReason;
    private ChatUsage? usage;

    public bool Completed { get; private set; }

    /// <summary>The server's own error event, when it sent one instead of completing.</summary>
    public string? ServerError { get; private set; }

    /// <summary>Why the last event could not be read; the stream cannot be trusted after it.</summary>
    public string? Unreadable { get; private set; }

    /// <summary>The answer reached <c>maxAnswerChars</c>: what fitted is kept, the rest was dropped.</summary>
    public bool TooLong { get; private set; }

    public ChatAnswer Answer => new(model, lane, text.ToString(), finishReason, usage);

    /// <summary>Takes one event; returns its text delta (null when it carries none).</summary>
    public string? Take(string? eventType, string data)
    {
        if (string.IsNullOrWhiteSpace(data))
        {
            return null;
        }

        if (lane == Lane.ChatCompletions && data.Trim() == "[DONE]")
        {
            Completed = true;
            return null;
        }

        using var json = JsonObjectReader.TryParse(Encoding.UTF8.GetBytes(data));
        if (json is null)
        {
            Unreadable = "an event that is not a JSON object (or not valid Unicode)";
            return null;
        }

        try
        {
            return lane == Lane.ChatCompletions ? TakeChunk(json.Root) : TakeResponseEvent(eventType, json.Root);
        }
        catch (JsonShapeException)
        {
            Unreadable = "an event with a field of the wrong type";
            return null;
        }
    }

    private string? TakeChunk(JsonElement chunk)
    {
        if (ChatAnswerReader.ChatCompletionUsage(chunk) is { } reported)
        {
            usage = reported;
        }

        if (chunk.TryGetProperty("error", out var error) && error.ValueKind != JsonValueKind.Null)
        {
            ServerError = error.ValueKind == JsonValueKind.Object ? String(error, "message") ?? "error" : error.ToString();
            return null;
        }

        if (Array(chunk, "choices") is not { } choices || choices.GetArrayLength() == 0)
        {
            return null;
        }

        var choice = AsObject(choices[0]);
        finishReason = String(choice, "finish_reason") ?? finishReason;
        return Append(Object(choice, "delta") is { } delta ? String(delta, "content") : null);
    }

    private string? TakeResponseEvent(string? eventType, JsonElement payload)
    {
        switch (String(payload, "type") ?? eventType)
        {
            case "response.output_text.delta":
                return Append(String(payload, "delta"));
            case "response.completed" or "response.incomplete":
                if (Object(payload, "response") is { } response && ChatAnswerReader.Response(response, model) is { } final)
                {
                    finishReason = final.FinishReason;
                    usage = final.Usage;
                }

                Completed = true;
                return null;
            case "response.failed" or "error":
                ServerError = (Object(payload, "response") is { } failed && Object(failed, "error") is { } detail ? String(detail, "message") : String(payload, "message"))
                    ?? "response failed";
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

        var room = maxAnswerChars - text.Length;
        if (delta.Length > room)
        {
            TooLong = true;

            // Never half of a surrogate pair: the kept text must stay valid Unicode.
            delta = delta[..(room > 0 && char.IsHighSurrogate(delta[room - 1]) ? room - 1 : room)];
            if (delta.Length == 0)
            {
                return null;
            }
        }

        text.Append(delta);
        return delta;
    }
}
