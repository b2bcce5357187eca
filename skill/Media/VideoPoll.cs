namespace XaiGrok.Onboarding.Media;

/// <summary>A video request after one poll: still pending (ask again in <see cref="RetryAfterSeconds"/>), or done and saved.</summary>
internal sealed record VideoPoll(VideoRequest Request, int RetryAfterSeconds, long? Bytes = null)
{
    public bool Done => Request.IsDone;
}
