using System.Text.Json;

namespace XaiGrok.Onboarding.Protocol;

/// <summary>
/// Reads the fields the module uses from a server's JSON answer or stream event. A missing field or a JSON null is
/// null; a field of another type than the one expected (a number where an object belongs, a string where an array
/// does) throws <see cref="JsonShapeException"/>, which <see cref="Read{T}"/> turns into "unreadable": one rule for
/// every wrong type, instead of an <see cref="InvalidOperationException"/> from <see cref="JsonElement"/> wherever
/// a check was forgotten.
/// </summary>
internal static class JsonShape
{
    /// <summary>What <paramref name="read"/> returns, or null when the JSON had a field of the wrong type.</summary>
    public static T? Read<T>(Func<T?> read)
        where T : class
    {
        try
        {
            return read();
        }
        catch (JsonShapeException)
        {
            return null;
        }
    }

    /// <summary>The element itself when it is an object (a parent whose fields are read); otherwise it does not fit.</summary>
    public static JsonElement AsObject(JsonElement element) =>
        element.ValueKind == JsonValueKind.Object ? element : throw new JsonShapeException();

    public static JsonElement? Object(JsonElement parent, string name) => Field(parent, name) is { } value
        ? value.ValueKind == JsonValueKind.Object ? value : throw new JsonShapeException()
        : null;

    public static JsonElement? Array(JsonElement parent, string name) => Field(parent, name) is { } value
        ? value.ValueKind == JsonValueKind.Array ? value : throw new JsonShapeException()
        : null;

    public static string? String(JsonElement parent, string name) => Field(parent, name) is { } value
        ? value.ValueKind == JsonValueKind.String ? value.GetString() : throw new JsonShapeException()
        : null;

    public static long? Integer(JsonElement parent, string name) => Field(parent, name) is { } value
        ? value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number) ? number : throw new JsonShapeException()
        : null;

    private static JsonElement? Field(JsonElement parent, string name) =>
        AsObject(parent).TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;
}
