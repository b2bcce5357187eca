using System.Buffers;
using System.Text.Json;

namespace XaiGrok.Onboarding.Media;

/// <summary>The JSON bodies of <c>POST /images/generations</c> and <c>POST /videos/generations</c>.</summary>
internal static class MediaRequestBodies
{
    public static byte[] Image(string model, ImageRequest request) => Write(writer =>
    {
        writer.WriteString("model", model);
        writer.WriteString("prompt", request.Prompt);
        writer.WriteNumber("n", request.Count);
        writer.WriteString("aspect_ratio", request.AspectRatio);

        // Bytes in the answer, not a link to fetch: no second request, and no host other than the API's.
        writer.WriteString("response_format", "b64_json");
    });

    public static byte[] Video(string model, VideoSpec spec) => Write(writer =>
    {
        writer.WriteString("model", model);
        writer.WriteString("prompt", spec.Prompt);
        writer.WriteNumber("duration", spec.DurationSeconds);
        writer.WriteString("aspect_ratio", spec.AspectRatio);
        writer.WriteString("resolution", spec.Resolution);
    });

    private static byte[] Write(Action<Utf8JsonWriter> fields)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            fields(writer);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
