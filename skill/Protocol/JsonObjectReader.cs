using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace XaiGrok.Onboarding.Protocol;

/// <summary>
/// Typed, forgiving-nothing reads from a server's JSON object: a field of the wrong type counts as missing, so a
/// hostile or broken answer becomes a clear <c>invalid_response</c> instead of an exception deep in a caller.
/// </summary>
internal sealed class JsonObjectReader : IDisposable
{
    private const int MaxDepth = 32;
    private readonly JsonDocument document;

    private JsonObjectReader(JsonDocument document) => this.document = document;

    public JsonElement Root => document.RootElement;

    /// <summary>Parses <paramref name="body"/>; null when it is not JSON (see <see cref="JsonText"/>) or not an object.</summary>
    public static JsonObjectReader? TryParse(ReadOnlyMemory<byte> body)
    {
        var document = JsonText.TryParse(body, MaxDepth);
        if (document?.RootElement.ValueKind == JsonValueKind.Object)
        {
            return new JsonObjectReader(document);
        }

        document?.Dispose();
        return null;
    }

    public bool Has(string name) => Root.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null;

    /// <summary>A non-empty string field; null when missing, empty, blank or not a string.</summary>
    public string? String(string name) =>
        Root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { } text && !string.IsNullOrWhiteSpace(text)
            ? text
            : null;

    /// <summary>A whole number field; also a number sent as a string of digits, as some servers do.</summary>
    public bool TryInteger(string name, out long number)
    {
        number = 0;
        if (!Root.TryGetProperty(name, out var value))
        {
            return false;
        }

        return value.ValueKind switch
        {
            JsonValueKind.Number => value.TryGetInt64(out number),
            JsonValueKind.String => long.TryParse(value.GetString(), System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out number),
            _ => false,
        };
    }

    public bool TryArray(string name, [NotNullWhen(true)] out JsonElement? array)
    {
        array = Root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array ? value : null;
        return array is not null;
    }

    public void Dispose() => document.Dispose();
}
