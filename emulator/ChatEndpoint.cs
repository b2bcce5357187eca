using System.Text.Json;
using System.Text.Json.Nodes;

namespace XaiGrok.Emulator;

/// <summary>
/// POST /v1/chat/completions or /v1/responses: the bearer check of /v1/models, then the model check, then the
/// dialect's own reading; the answer echoes the last user turn, as JSON or as server-sent events.
/// </summary>
internal sealed class ChatEndpoint(EmulatorState state, IChatDialect dialect)
{
    private const string MultiAgentRefusal = "Multi Agent requests are not allowed on chat completions. Use the Responses API.";

    private readonly ApiGate gate = new(state);

    public async Task<IResult> HandleAsync(HttpContext context)
    {
        if (gate.Refuse(context, out var check) is { } refusal)
        {
            return refusal;
        }

        ChatPrompt prompt;
        try
        {
            var body = await ReadBodyAsync(context);
            prompt = dialect.Read(body, CallableModel(body, check));
        }
        catch (ApiRefusal e)
        {
            return e.ToResult();
        }

        var reply = ChatReply.For(prompt, state.NextReplyNumber(), state.Clock.GetUtcNow().ToUnixTimeSeconds());
        if (!prompt.Stream)
        {
            return Results.Json(dialect.Answer(reply));
        }

        var events = new EventStream(context);
        await events.StartAsync();
        await dialect.StreamAsync(reply, prompt, events);
        await events.EndAsync();
        return Results.Empty;
    }

    private static async Task<JsonObject> ReadBodyAsync(HttpContext context)
    {
        try
        {
            if (await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted) is JsonObject body)
            {
                return body;
            }
        }
        catch (JsonException)
        {
        }

        throw ApiRefusal.InvalidArgument("The request body must be a JSON object.");
    }

    private string CallableModel(JsonObject body, BearerCheck check)
    {
        if (body["model"] is not JsonValue value || value.GetValueKind() != JsonValueKind.String || value.GetValue<string>() is not { Length: > 0 } model)
        {
            throw ApiRefusal.InvalidArgument("model is required");
        }

        if (!check.CallableModels.Contains(model, StringComparer.Ordinal))
        {
            throw new ApiRefusal(StatusCodes.Status404NotFound, "not-found", $"The model {model} does not exist or your team does not have access to it.");
        }

        if (ModelCatalog.IsImagine(model))
        {
            throw ApiRefusal.InvalidArgument($"{model} is not a chat model");
        }

        if (ModelCatalog.IsMultiAgent(model) && !dialect.AcceptsMultiAgent)
        {
            throw ApiRefusal.InvalidArgument(MultiAgentRefusal);
        }

        return model;
    }
}
