using System.Text.Json;

namespace XaiGrok.Onboarding.Storage;

/// <summary>
/// Reads the state files that every CLI call reads (auth.json, models-cache.json, settings.json) with
/// <see cref="JsonDocument"/> instead of the serializer: on its first use in a process the source-generated serializer
/// builds metadata through ~150 generic methods ReadyToRun cannot precompile, 25 ms of a 160 ms <c>status</c>. The
/// rules are the serializer's, with strict numbers: a field of the wrong type makes the file unreadable (null);
/// unknown fields are ignored; a repeated field keeps its last value. Files are still written by the serializer.
/// </summary>
internal static class StateFileReader
{
    private const int MaxDepth = 64;

    /// <summary>The object <paramref name="assign"/> filled field by field, or null when the file does not fit.</summary>
    public static T? Read<T>(ReadOnlyMemory<byte> json, Action<T, string, JsonElement> assign)
        where T : class, new()
    {
        using var document = Protocol.JsonText.TryParse(json, MaxDepth);
        if (document?.RootElement.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        try
        {
            var file = new T();
            foreach (var property in document.RootElement.EnumerateObject())
            {
                assign(file, property.Name, property.Value);
            }

            return file;
        }
        catch (WrongTypeException)
        {
            return null;
        }
    }

    public static string? Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Null => null,
        _ => throw new WrongTypeException(),
    };

    public static long Int64(JsonElement value) =>
        value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number) ? number : throw new WrongTypeException();

    public static long? NullableInt64(JsonElement value) => value.ValueKind == JsonValueKind.Null ? null : Int64(value);

    public static int Int32(JsonElement value) =>
        value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) ? number : throw new WrongTypeException();

    public static List<string>? TextList(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Array => [.. value.EnumerateArray().Select(item => Text(item)!)],
        JsonValueKind.Null => null,
        _ => throw new WrongTypeException(),
    };

    /// <summary>A field holds a value of another JSON type than the schema's.</summary>
    private sealed class WrongTypeException : Exception;
}
