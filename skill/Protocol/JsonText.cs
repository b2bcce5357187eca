using System.Text.Json;

namespace XaiGrok.Onboarding.Protocol;

/// <summary>
/// The one gate for JSON the module did not write in this process (server answers, stream events, provider output,
/// state files, a caller's messages). <see cref="JsonDocument"/> accepts an escape such as <c>\ud800</c> (a lone
/// surrogate: valid JSON, not valid Unicode), and reading that string later throws
/// <see cref="InvalidOperationException"/> wherever it happens to be read. So a text whose strings or property names
/// do not decode is refused here, whole, like any other text that is not JSON.
/// </summary>
internal static class JsonText
{
    private static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

    /// <summary>The parsed document, or null when the text is not valid UTF-8, not JSON, or holds an undecodable escape.</summary>
    public static JsonDocument? TryParse(ReadOnlyMemory<byte> utf8, int maxDepth)
    {
        // JsonDocument does not check the UTF-8 inside strings either; reading such a string would throw later.
        if (!System.Text.Unicode.Utf8.IsValid(utf8.Span))
        {
            return null;
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8, new JsonDocumentOptions { MaxDepth = maxDepth });
        }
        catch (JsonException)
        {
            return null;
        }

        if (HasUndecodableEscape(utf8.Span, maxDepth))
        {
            document.Dispose();
            return null;
        }

        return document;
    }

    /// <summary>
    /// Whether a string or property name of this JSON text holds an escape that is not valid UTF-16. Only escaped
    /// strings are decoded, and only in a text that has a <c>\u</c> at all: an ordinary answer costs one search.
    /// </summary>
    public static bool HasUndecodableEscape(ReadOnlySpan<byte> utf8, int maxDepth = 64)
    {
        if (utf8.IndexOf("\\u"u8) < 0)
        {
            return false;
        }

        var reader = new Utf8JsonReader(utf8.StartsWith(Utf8Bom) ? utf8[Utf8Bom.Length..] : utf8, new JsonReaderOptions { MaxDepth = maxDepth });
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName && reader.ValueIsEscaped)
                {
                    _ = reader.GetString();
                }
            }
        }
        catch (InvalidOperationException)
        {
            return true;
        }
        catch (JsonException)
        {
            // Not JSON at all: the parser that reads it says so.
        }

        return false;
    }
}
