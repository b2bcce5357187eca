using XaiGrok.Onboarding.Media;
using XaiGrok.Onboarding.Models;

namespace XaiGrok.Onboarding;

/// <summary>A video request after start or poll: still being made (poll again later), or done and saved.</summary>
/// <param name="IsDone">True when the video is downloaded to <see cref="File"/>.</param>
/// <param name="RequestId">The id to poll it by.</param>
/// <param name="Model">The video model, with the <c>xai-grok/</c> prefix.</param>
public sealed record GrokVideo(bool IsDone, string RequestId, string Model)
{
    /// <summary>While pending: the least wait, in seconds, before polling again.</summary>
    public int RetryAfterSeconds { get; init; }

    /// <summary>When done: the full path of the video file.</summary>
    public string? File { get; init; }

    /// <summary>When done: the file's size, when it was downloaded by this call.</summary>
    public long? Bytes { get; init; }

    internal static GrokVideo From(VideoPoll poll) => new(poll.Done, poll.Request.RequestId, ModelKinds.Prefix + poll.Request.Model)
    {
        RetryAfterSeconds = poll.RetryAfterSeconds,
        File = poll.Done ? poll.Request.File : null,
        Bytes = poll.Done ? poll.Bytes : null,
    };
}
