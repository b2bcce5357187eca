using System.Text.Json;
using XaiGrok.Onboarding.Protocol;

namespace XaiGrok.Onboarding.Media;

/// <summary>Reads <c>{data: [{b64_json: "..."}, ...]}</c> strictly: the decoded images, or null when it is not that.</summary>
internal static class ImageAnswerReader
{
    public static IReadOnlyList<byte[]>? Images(ReadOnlyMemory<byte> body, int atMost)
    {
        using var json = JsonObjectReader.TryParse(body);
        if (json is null || !json.TryArray("data", out var data))
        {
            return null;
        }

        var images = new List<byte[]>();
        foreach (var item in data.Value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object || !item.TryGetProperty("b64_json", out var encoded)
                || encoded.ValueKind != JsonValueKind.String || !encoded.TryGetBytesFromBase64(out var image) || image.Length == 0)
            {
                return null;
            }

            images.Add(image);
            if (images.Count == atMost)
            {
                break;
            }
        }

        return images.Count > 0 ? images : null;
    }
}
