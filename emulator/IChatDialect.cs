using System.Text.Json.Nodes;

namespace XaiGrok.Emulator;

/// <summary>One of api.x.ai's two chat request shapes: chat completions (OpenAI-compatible) or the Responses API.</summary>
internal interface IChatDialect
{
    /// <summary>Multi-agent models answer on the Responses API only.</summary>
    bool AcceptsMultiAgent { get; }

    /// <summary>Reads everything but the model, which <see cref="ChatEndpoint"/> has checked already.</summary>
    /// <exception cref="ApiRefusal">The request is malformed.</exception>
    ChatPrompt Read(JsonObject body, string model);

    JsonObject Answer(ChatReply reply);

    Task StreamAsync(ChatReply reply, ChatPrompt prompt, EventStream events);
}
