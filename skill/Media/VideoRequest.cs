namespace XaiGrok.Onboarding.Media;

/// <summary>
/// A video asked of xAI, saved so that a <c>video poll</c> in another process finds it. <see cref="NextPollAt"/> is the
/// earliest moment its status may be asked again; <see cref="File"/> is set once the video is downloaded.
/// </summary>
internal sealed record VideoRequest
{
    public const string Pending = "pending";
    public const string Done = "done";

    public required string RequestId { get; init; }

    /// <summary>The upstream model id (its per-model key, if any, is the bearer of the status requests too).</summary>
    public required string Model { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset NextPollAt { get; init; }

    public string Status { get; init; } = Pending;

    public string? File { get; init; }

    public bool IsDone => Status == Done && File is not null;
}
