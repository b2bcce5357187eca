namespace XaiGrok.Onboarding.Media;

/// <summary>The size and time bounds of media calls: a video is streamed to disk, an image answer is read whole.</summary>
internal sealed record MediaLimits
{
    private const int ImageAnswerCeiling = 64 * 1024 * 1024;

    /// <summary>The largest video downloaded (<c>XAI_MEDIA_MAX_BYTES</c>).</summary>
    public long MaxDownloadBytes { get; init; } = 512L * 1024 * 1024;

    /// <summary>The largest image answer read: base64 of up to ten images, held in memory while it is decoded.</summary>
    public int MaxImageAnswerBytes => (int)Math.Min(MaxDownloadBytes, ImageAnswerCeiling);

    /// <summary>The longest silence inside a download before it counts as cut off.</summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>The wait between two status requests of a video when the API names none.</summary>
    public TimeSpan VideoPollInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>A longer <c>Retry-After</c> on a pending video is shortened to this.</summary>
    public TimeSpan LongestVideoPollInterval { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How long a video request is remembered; xAI's links do not live longer.</summary>
    public TimeSpan KeepRequestsFor { get; init; } = TimeSpan.FromDays(2);

    public static MediaLimits From(OnboardingOptions options) => new() { MaxDownloadBytes = options.MediaMaxBytes };
}
