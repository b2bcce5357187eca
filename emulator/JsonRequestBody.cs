using System.Text.Json;
using System.Text.Json.Nodes;

namespace XaiGrok.Emulator;

/// <summary>Reads a /v1 request body that must be a JSON object, and its typed fields, refusing as api.x.ai does.</summary>
internal static class JsonRequestBody
{
    public static async Task<JsonObject> ReadAsync(HttpContext context)
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

    public static string? Text(JsonObject body, string name) => body[name] switch
    {
        null => null,
        JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
        _ => throw ApiRefusal.InvalidArgument($"{name} must be a string"),
    };

    public static int? Number(JsonObject body, string name) => body[name] switch
    {
        null => null,
        JsonValue value when value.GetValueKind() == JsonValueKind.Number && value.TryGetValue(out int number) => number,
        _ => throw ApiRefusal.InvalidArgument($"{name} must be an integer"),
    };

    /// <summary>The model, which the caller must be allowed to call and which must make <paramref name="kind"/> ("image" or "video").</summary>
    public static string MediaModel(JsonObject body, BearerCheck check, string kind)
    {
        if (Text(body, "model") is not { Length: > 0 } model)
        {
            throw ApiRefusal.InvalidArgument("model is required");
        }

        if (!check.CallableModels.Contains(model, StringComparer.Ordinal))
        {
            throw new ApiRefusal(StatusCodes.Status404NotFound, "not-found", $"The model {model} does not exist or your team does not have access to it.");
        }

        if (!ModelCatalog.IsImagine(model) || model.Contains("video", StringComparison.Ordinal) != (kind == "video"))
        {
            throw ApiRefusal.InvalidArgument($"{model} is not a model that generates {kind}s");
        }

        return model;
    }

    public static string Prompt(JsonObject body) =>
        Text(body, "prompt") is { Length: > 0 } prompt ? prompt : throw ApiRefusal.InvalidArgument("prompt is required");
}
