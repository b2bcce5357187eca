namespace XaiGrok.Emulator;

/// <summary>One video being "rendered": pending for a number of status requests and seconds, then done, unless a test ended it.</summary>
internal sealed class VideoJob(string requestId, string model, DateTimeOffset createdAt)
{
    public string RequestId { get; } = requestId;

    public string Model { get; } = model;

    public DateTimeOffset CreatedAt { get; } = createdAt;

    /// <summary>Status requests answered so far.</summary>
    public int Polls { get; set; }

    /// <summary>"failed" or "expired" when a test ended the job; null while it runs its course.</summary>
    public string? Ending { get; set; }
}
