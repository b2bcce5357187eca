using System.Text.Json;
using XaiGrok.Onboarding.Protocol;

namespace XaiGrok.Onboarding.Media;

/// <summary>Reads the video API's answers strictly: anything else than the documented shape is null (<c>invalid_response</c>).</summary>
internal static class VideoAnswerReader
{
    /// <summary>The <c>request_id</c> of <c>POST /videos/generations</c>, when it is one that is safe to keep and to send back.</summary>
    public static string? RequestId(ReadOnlyMemory<byte> body)
    {
        using var json = JsonObjectReader.TryParse(body);
        return json?.String("request_id") is { } id && VideoRequestStore.IsWellFormedId(id) ? id : null;
    }

    public static VideoStatus? Status(ReadOnlyMemory<byte> body)
    {
        using var json = JsonObjectReader.TryParse(body);
        switch (json?.String("status"))
        {
            case VideoRequest.Pending:
                return new VideoStatus(VideoRequest.Pending, null, null);
            case VideoStatus.Failed:
                return new VideoStatus(VideoStatus.Failed, null, Message(json.Root));
            case VideoStatus.Expired:
                return new VideoStatus(VideoStatus.Expired, null, null);
            case VideoRequest.Done when json.Root.TryGetProperty("video", out var video) && video.ValueKind == JsonValueKind.Object
                && video.TryGetProperty("url", out var url) && url.ValueKind == JsonValueKind.String
                && Uri.TryCreate(url.GetString(), UriKind.Absolute, out var link):
                return new VideoStatus(VideoRequest.Done, link, null);
            default:
                return null;
        }
    }

    // The server's own words on a failure, printable and short; they come from the API, never from us.
    private static string? Message(JsonElement root)
    {
        var text = root.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object && error.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.String
            ? message.GetString()
            : root.TryGetProperty("error", out var plain) && plain.ValueKind == JsonValueKind.String ? plain.GetString() : null;
        return text is null ? null : PrintableText.Clean(text, 300);
    }
}
