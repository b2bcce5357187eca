using System.Text.Json.Nodes;

namespace XaiGrok.Emulator;

/// <summary>POST /v1/chat/completions, the OpenAI-compatible shape: <c>messages</c> in, <c>choices</c> out, SSE chunks ending in [DONE].</summary>
internal sealed class ChatCompletionsDialect : IChatDialect
{
    private const string User = "user";
    private static readonly string[] Roles = ["system", User, "assistant", "developer", "tool"];

    public bool AcceptsMultiAgent => false;

    public ChatPrompt Read(JsonObject body, string model)
    {
        if (body["messages"] is not JsonArray { Count: > 0 } messages)
        {
            throw ApiRefusal.InvalidArgument("messages is required and must be a non-empty array.");
        }

        var texts = new List<string>();
        var lastUser = "";
        for (var i = 0; i < messages.Count; i++)
        {
            var where = $"messages[{i}]";
            if (messages[i] is not JsonObject message)
            {
                throw ApiRefusal.InvalidArgument($"{where} must be an object.");
            }

            if (JsonFields.OptionalString(message, "role", $"{where}.role") is not { } role || !Roles.Contains(role, StringComparer.Ordinal))
            {
                throw ApiRefusal.InvalidArgument($"{where}.role must be one of {string.Join(", ", Roles)}.");
            }

            var content = JsonFields.ContentTexts(message["content"], $"{where}.content", "text");
            texts.AddRange(content);
            if (role == User)
            {
                lastUser = string.Join(' ', content);
            }
        }

        var effort = JsonFields.OptionalString(body, "reasoning_effort", "reasoning_effort");
        if (effort is not null && !ModelCatalog.IsReasoning(model))
        {
            throw ApiRefusal.InvalidArgument($"Model {model} does not support parameter reasoningEffort.");
        }

        if (effort is not null && !ReasoningEffort.IsKnown(effort))
        {
            throw ApiRefusal.InvalidArgument($"reasoning_effort must be one of {string.Join(", ", ReasoningEffort.Levels)}.");
        }

        var stream = JsonFields.OptionalFlag(body, "stream", "stream");
        var options = JsonFields.OptionalObject(body, "stream_options", "stream_options");
        var includeUsage = options is not null && JsonFields.OptionalFlag(options, "include_usage", "stream_options.include_usage");
        return new ChatPrompt(model, texts, lastUser, effort, stream, includeUsage);
    }

    public JsonObject Answer(ChatReply reply)
    {
        var answer = Envelope(reply, "chat.completion");
        answer["choices"] = new JsonArray(new JsonObject
        {
            ["index"] = 0,
            ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = reply.Text },
            ["finish_reason"] = "stop",
        });
        answer["usage"] = Usage(reply);
        return answer;
    }

    public async Task StreamAsync(ChatReply reply, ChatPrompt prompt, EventStream events)
    {
        var first = true;
        foreach (var piece in reply.Pieces)
        {
            var delta = first ? new JsonObject { ["role"] = "assistant", ["content"] = piece } : new JsonObject { ["content"] = piece };
            first = false;
            await events.SendAsync(null, Chunk(reply, delta, finishReason: null).ToJsonString());
        }

        await events.SendAsync(null, Chunk(reply, [], "stop").ToJsonString());
        if (prompt.IncludeUsage)
        {
            var usage = Envelope(reply, "chat.completion.chunk");
            usage["choices"] = new JsonArray();
            usage["usage"] = Usage(reply);
            await events.SendAsync(null, usage.ToJsonString());
        }

        await events.SendAsync(null, "[DONE]");
    }

    private static JsonObject Chunk(ChatReply reply, JsonObject delta, string? finishReason)
    {
        var chunk = Envelope(reply, "chat.completion.chunk");
        chunk["choices"] = new JsonArray(new JsonObject { ["index"] = 0, ["delta"] = delta, ["finish_reason"] = finishReason });
        return chunk;
    }

    private static JsonObject Envelope(ChatReply reply, string type) => new()
    {
        ["id"] = $"chatcmpl-{reply.Number}",
        ["object"] = type,
        ["created"] = reply.Created,
        ["model"] = reply.Model,
    };

    private static JsonObject Usage(ChatReply reply) => new()
    {
        ["prompt_tokens"] = reply.PromptTokens,
        ["completion_tokens"] = reply.CompletionTokens,
        ["total_tokens"] = reply.TotalTokens,
        ["completion_tokens_details"] = new JsonObject { ["reasoning_tokens"] = reply.ReasoningTokens },
    };
}
