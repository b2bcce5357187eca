using System.Text.Json;

namespace XaiGrok.Onboarding.Lanes;

/// <summary>
/// The request bodies of the two lanes from one <see cref="ChatRequest"/>: chat completions takes the messages as
/// they are; the Responses API takes system messages as <c>instructions</c> and the rest as <c>input</c> items, and
/// the effort as <c>reasoning.effort</c>.
/// </summary>
internal static class ChatRequestBodies
{
    public static byte[] For(ChatRequest request, Lane lane) =>
        lane == Lane.Responses ? Responses(request) : ChatCompletions(request);

    public static byte[] ChatCompletions(ChatRequest request) => Write(writer =>
    {
        writer.WriteString("model", request.UpstreamModel);
        writer.WriteStartArray("messages");
        foreach (var message in request.Messages)
        {
            writer.WriteStartObject();
            writer.WriteString("role", NormalizedRole(message.Role));
            writer.WriteString("content", message.Content);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        if (request.Effort is { } effort)
        {
            writer.WriteString("reasoning_effort", effort);
        }

        if (request.Stream)
        {
            writer.WriteBoolean("stream", true);
            writer.WriteStartObject("stream_options");
            writer.WriteBoolean("include_usage", true);
            writer.WriteEndObject();
        }
    });

    public static byte[] Responses(ChatRequest request) => Write(writer =>
    {
        writer.WriteString("model", request.UpstreamModel);
        var instructions = string.Join("\n\n", request.Messages.Where(IsSystem).Select(message => message.Content));
        if (instructions.Length > 0)
        {
            writer.WriteString("instructions", instructions);
        }

        writer.WriteStartArray("input");
        foreach (var message in request.Messages.Where(message => !IsSystem(message)))
        {
            writer.WriteStartObject();
            writer.WriteString("role", NormalizedRole(message.Role));
            writer.WriteString("content", message.Content);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        if (request.Effort is { } effort)
        {
            writer.WriteStartObject("reasoning");
            writer.WriteString("effort", effort);
            writer.WriteEndObject();
        }

        writer.WriteBoolean("stream", request.Stream);
        writer.WriteBoolean("store", false);
    });

    private static bool IsSystem(ChatMessage message) => NormalizedRole(message.Role) == "system";

    private static string NormalizedRole(string role) => role.Trim().ToLowerInvariant() switch
    {
        "developer" or "system" => "system",
        "assistant" => "assistant",
        _ => "user",
    };

    private static byte[] Write(Action<Utf8JsonWriter> body)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            body(writer);
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
