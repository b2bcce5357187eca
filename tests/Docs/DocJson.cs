using System.Text;
using System.Text.Json;

namespace XaiGrok.Onboarding.Tests.Docs;

/// <summary>Reads the JSON objects a block printed (one after another, indented or not), skipping lines of plain text.</summary>
internal static class DocJson
{
    public static IReadOnlyList<JsonElement> Objects(string output)
    {
        var found = new List<JsonElement>();
        var start = output.IndexOf('{', StringComparison.Ordinal);
        while (start >= 0)
        {
            var bytes = Encoding.UTF8.GetBytes(output[start..]);
            var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { AllowMultipleValues = true });
            try
            {
                using var document = JsonDocument.ParseValue(ref reader);
                found.Add(document.RootElement.Clone());
                var consumed = Encoding.UTF8.GetString(bytes, 0, (int)reader.BytesConsumed).Length;
                start = output.IndexOf('{', start + consumed);
            }
            catch (JsonException)
            {
                start = output.IndexOf('{', start + 1);
            }
        }

        return found;
    }

    public static bool IsOk(JsonElement json) =>
        json.ValueKind == JsonValueKind.Object && json.TryGetProperty("ok", out var ok) && ok.ValueKind == JsonValueKind.True;
}
