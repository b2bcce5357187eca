using System.Text.Json;
using System.Text.Json.Nodes;

namespace XaiGrok.Emulator;

/// <summary>Reads fields of a chat request, refusing wrong types as api.x.ai does (400 invalid-argument).</summary>
internal static class JsonFields
{
    /// <summary>A string field; null when absent or JSON null.</summary>
    public static string? OptionalString(JsonObject body, string name, string where)
    {
        var node = body[name];
        return node is null ? null
            : node.GetValueKind() == JsonValueKind.String ? node.GetValue<string>()
            : throw ApiRefusal.InvalidArgument($"{where} must be a string.");
    }

    public static bool OptionalFlag(JsonObject body, string name, string where) => body[name]?.GetValueKind() switch
    {
        null or JsonValueKind.Null => false,
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => throw ApiRefusal.InvalidArgument($"{where} must be a boolean."),
    };

    public static JsonObject? OptionalObject(JsonObject body, string name, string where) => body[name] switch
    {
        null => null,
        JsonObject value => value,
        _ => throw ApiRefusal.InvalidArgument($"{where} must be an object."),
    };

    /// <summary>Message content: a string, or an array of <c>{type, text}</c> parts whose type is one of <paramref name="partTypes"/>.</summary>
    public static IReadOnlyList<string> ContentTexts(JsonNode? content, string where, params string[] partTypes)
    {
        if (content is JsonValue value && value.GetValueKind() == JsonValueKind.String)
        {
            return [value.GetValue<string>()];
        }

        var expected = $"{where} must be a string or an array of {{\"type\": \"{string.Join("\"|\"", partTypes)}\", \"text\": string}} parts.";
        if (content is not JsonArray parts)
        {
            throw ApiRefusal.InvalidArgument(expected);
        }

        var texts = new List<string>();
        foreach (var part in parts)
        {
            if (part is not JsonObject partObject
                || OptionalString(partObject, "type", where) is not { } type || !partTypes.Contains(type, StringComparer.Ordinal)
                || OptionalString(partObject, "text", where) is not { } text)
            {
                throw ApiRefusal.InvalidArgument(expected);
            }

            texts.Add(text);
        }

        return texts;
    }
}
