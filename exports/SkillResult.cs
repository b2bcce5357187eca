using System.Collections;
using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Json;

namespace XaiGrok.Onboarding;

/// <summary>
/// What every public call returns: a read-only dictionary with snake_case keys (<c>ok</c>, and either the call's
/// fields or <c>error</c>, <c>detail</c> and <c>hint</c>). Values are strings, numbers, booleans, nulls, lists and
/// nested dictionaries. It never holds a token.
/// </summary>
public sealed class SkillResult : IReadOnlyDictionary<string, object?>
{
    private static readonly JsonWriterOptions Indented = new() { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly JsonWriterOptions Compact = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private readonly IReadOnlyDictionary<string, object?> fields;

    internal SkillResult(IReadOnlyDictionary<string, object?> fields) => this.fields = fields;

    /// <summary>True when the call did what it was asked.</summary>
    public bool Ok => fields.TryGetValue("ok", out var ok) && ok is true;

    /// <summary>The stable error code when <see cref="Ok"/> is false (see SKILL.md); otherwise null.</summary>
    public string? Error => fields.TryGetValue("error", out var error) ? error as string : null;

    /// <inheritdoc/>
    public object? this[string key] => fields[key];

    /// <inheritdoc/>
    public IEnumerable<string> Keys => fields.Keys;

    /// <inheritdoc/>
    public IEnumerable<object?> Values => fields.Values;

    /// <inheritdoc/>
    public int Count => fields.Count;

    /// <inheritdoc/>
    public bool ContainsKey(string key) => fields.ContainsKey(key);

    /// <inheritdoc/>
    public bool TryGetValue(string key, [MaybeNullWhen(false)] out object? value) => fields.TryGetValue(key, out value);

    /// <inheritdoc/>
    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => fields.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>The result as one JSON object, indented by default (what the CLI prints).</summary>
    public string ToJson(bool indented = true)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, indented ? Indented : Compact))
        {
            Write(writer, fields);
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <inheritdoc/>
    public override string ToString() => ToJson(indented: false);

    private static void Write(Utf8JsonWriter writer, object? value)
    {
        switch (value)
        {
            case null: writer.WriteNullValue(); break;
            case string text: writer.WriteStringValue(text); break;
            case bool flag: writer.WriteBooleanValue(flag); break;
            case int number: writer.WriteNumberValue(number); break;
            case long number: writer.WriteNumberValue(number); break;
            case double number: writer.WriteNumberValue(number); break;
            case DateTimeOffset moment: writer.WriteStringValue(moment.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture)); break;
            case IEnumerable<KeyValuePair<string, object?>> map:
                writer.WriteStartObject();
                foreach (var (key, item) in map)
                {
                    writer.WritePropertyName(key);
                    Write(writer, item);
                }

                writer.WriteEndObject();
                break;
            case IEnumerable items:
                writer.WriteStartArray();
                foreach (var item in items)
                {
                    Write(writer, item);
                }

                writer.WriteEndArray();
                break;
            default: writer.WriteStringValue(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)); break;
        }
    }
}
