using System.Text.Json.Nodes;

namespace XaiGrok.Emulator;

/// <summary>POST /v1/responses, the Responses API: <c>input</c> in, <c>output</c> items out, typed SSE events ending in response.completed.</summary>
internal sealed class ResponsesDialect : IChatDialect
{
    private const string User = "user";
    private static readonly string[] Roles = ["system", User, "assistant", "developer"];

    public bool AcceptsMultiAgent => true;

    public ChatPrompt Read(JsonObject body, string model)
    {
        var texts = new List<string>();
        if (JsonFields.OptionalString(body, "instructions", "instructions") is { } instructions)
        {
            texts.Add(instructions);
        }

        var lastUser = ReadInput(body["input"], texts);
        string? effort = null;
        if (JsonFields.OptionalObject(body, "reasoning", "reasoning") is { } reasoning)
        {
            effort = JsonFields.OptionalString(reasoning, "effort", "reasoning.effort");
            if (effort is not null && !ReasoningEffort.IsKnown(effort))
            {
                throw ApiRefusal.InvalidArgument($"reasoning.effort must be one of {string.Join(", ", ReasoningEffort.Levels)}.");
            }
        }

        return new ChatPrompt(model, texts, lastUser, effort, JsonFields.OptionalFlag(body, "stream", "stream"), IncludeUsage: true);
    }

    public JsonObject Answer(ChatReply reply)
    {
        var output = new JsonArray();
        if (reply.ReasoningTokens > 0)
        {
            output.Add(new JsonObject { ["type"] = "reasoning", ["id"] = $"rs_{reply.Number}", ["summary"] = new JsonArray() });
        }

        output.Add(Message(reply, "completed", new JsonArray(TextPart(reply.Text))));
        var answer = Envelope(reply, "completed", output);
        answer["usage"] = new JsonObject
        {
            ["input_tokens"] = reply.PromptTokens,
            ["output_tokens"] = reply.CompletionTokens,
            ["total_tokens"] = reply.TotalTokens,
            ["output_tokens_details"] = new JsonObject { ["reasoning_tokens"] = reply.ReasoningTokens },
        };
        return answer;
    }

    public async Task StreamAsync(ChatReply reply, ChatPrompt prompt, EventStream events)
    {
        var itemId = MessageId(reply);
        var outputIndex = reply.ReasoningTokens > 0 ? 1 : 0;
        await SendAsync(events, "response.created", new JsonObject { ["response"] = Envelope(reply, "in_progress", []) });
        await SendAsync(events, "response.output_item.added", new JsonObject
        {
            ["output_index"] = outputIndex,
            ["item"] = Message(reply, "in_progress", []),
        });
        await SendAsync(events, "response.content_part.added", new JsonObject
        {
            ["item_id"] = itemId,
            ["output_index"] = outputIndex,
            ["content_index"] = 0,
            ["part"] = TextPart(""),
        });
        foreach (var piece in reply.Pieces)
        {
            await SendAsync(events, "response.output_text.delta", new JsonObject
            {
                ["item_id"] = itemId,
                ["output_index"] = outputIndex,
                ["content_index"] = 0,
                ["delta"] = piece,
            });
        }

        await SendAsync(events, "response.output_text.done", new JsonObject
        {
            ["item_id"] = itemId,
            ["output_index"] = outputIndex,
            ["content_index"] = 0,
            ["text"] = reply.Text,
        });
        await SendAsync(events, "response.output_item.done", new JsonObject
        {
            ["output_index"] = outputIndex,
            ["item"] = Message(reply, "completed", new JsonArray(TextPart(reply.Text))),
        });
        await SendAsync(events, "response.completed", new JsonObject { ["response"] = Answer(reply) });
    }

    /// <summary>The input items (or the input string) as texts; returns the last user turn's text.</summary>
    private static string ReadInput(JsonNode? input, List<string> texts)
    {
        if (input is JsonValue && JsonFields.ContentTexts(input, "input", "input_text") is [var text])
        {
            texts.Add(text);
            return text;
        }

        if (input is not JsonArray { Count: > 0 } items)
        {
            throw ApiRefusal.InvalidArgument("input is required: a string or a non-empty array of messages.");
        }

        var lastUser = "";
        for (var i = 0; i < items.Count; i++)
        {
            var where = $"input[{i}]";
            if (items[i] is not JsonObject item)
            {
                throw ApiRefusal.InvalidArgument($"{where} must be an object.");
            }

            if (JsonFields.OptionalString(item, "type", $"{where}.type") is { } type && type != "message")
            {
                throw ApiRefusal.InvalidArgument($"{where}.type \"{type}\" is not supported; only \"message\" items are.");
            }

            if (JsonFields.OptionalString(item, "role", $"{where}.role") is not { } role || !Roles.Contains(role, StringComparer.Ordinal))
            {
                throw ApiRefusal.InvalidArgument($"{where}.role must be one of {string.Join(", ", Roles)}.");
            }

            var content = JsonFields.ContentTexts(item["content"], $"{where}.content", "input_text", "output_text");
            texts.AddRange(content);
            if (role == User)
            {
                lastUser = string.Join(' ', content);
            }
        }

        return lastUser;
    }

    private static Task SendAsync(EventStream events, string type, JsonObject data)
    {
        var typed = new JsonObject { ["type"] = type };
        foreach (var (name, value) in data.ToArray())
        {
            data.Remove(name);
            typed[name] = value;
        }

        return events.SendAsync(type, typed.ToJsonString());
    }

    private static JsonObject Envelope(ChatReply reply, string status, JsonArray output) => new()
    {
        ["id"] = $"resp_{reply.Number}",
        ["object"] = "response",
        ["created_at"] = reply.Created,
        ["model"] = reply.Model,
        ["status"] = status,
        ["output"] = output,
    };

    private static JsonObject Message(ChatReply reply, string status, JsonArray content) => new()
    {
        ["type"] = "message",
        ["id"] = MessageId(reply),
        ["role"] = "assistant",
        ["status"] = status,
        ["content"] = content,
    };

    private static JsonObject TextPart(string text) => new() { ["type"] = "output_text", ["text"] = text, ["annotations"] = new JsonArray() };

    private static string MessageId(ChatReply reply) => $"msg_{reply.Number}";
}
