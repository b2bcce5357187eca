using System.Text.Json.Serialization;

namespace XaiGrok.Onboarding.Media;

/// <summary>The schema of a video request's file (<c>video-&lt;request_id&gt;.json</c>), with explicit key names.</summary>
internal sealed class VideoRequestFile
{
    [JsonPropertyName("request_id")]
    public string? RequestId { get; set; }

    [JsonPropertyName("model")]
    public string? Model { get; set; }

    [JsonPropertyName("created_at")]
    public long CreatedAt { get; set; }

    [JsonPropertyName("next_poll_at")]
    public long NextPollAt { get; set; }

    [JsonPropertyName("status")]
    public string? Status { get; set; }

    [JsonPropertyName("file")]
    public string? File { get; set; }

    public static VideoRequestFile From(VideoRequest request) => new()
    {
        RequestId = request.RequestId,
        Model = request.Model,
        CreatedAt = request.CreatedAt.ToUnixTimeMilliseconds(),
        NextPollAt = request.NextPollAt.ToUnixTimeMilliseconds(),
        Status = request.Status,
        File = request.File,
    };

    public VideoRequest? ToRequest()
    {
        if (RequestId is null || Model is null || Status is not (VideoRequest.Pending or VideoRequest.Done) || (Status == VideoRequest.Done && File is null)
            || !InRange(CreatedAt) || !InRange(NextPollAt))
        {
            return null;
        }

        return new VideoRequest
        {
            RequestId = RequestId,
            Model = Model,
            CreatedAt = DateTimeOffset.FromUnixTimeMilliseconds(CreatedAt),
            NextPollAt = DateTimeOffset.FromUnixTimeMilliseconds(NextPollAt),
            Status = Status,
            File = File,
        };
    }

    private static bool InRange(long milliseconds) => milliseconds is > 0 and < 253402300799000;
}
