namespace XaiGrok.Onboarding.Storage;

/// <summary>The outcome of reading a state file: not there, its bytes, or why it was refused.</summary>
internal sealed record ReadResult
{
    private ReadResult(ReadStatus status, byte[] content, string? reason)
    {
        Status = status;
        Content = content;
        Reason = reason;
    }

    public static ReadResult NotFound { get; } = new(ReadStatus.NotFound, [], null);

    public ReadStatus Status { get; }

    /// <summary>The file's bytes when <see cref="Status"/> is Ok; empty otherwise.</summary>
    public byte[] Content { get; }

    /// <summary>For a refusal: the path and what is wrong with it, for a person. Never the content.</summary>
    public string? Reason { get; }

    public static ReadResult Ok(byte[] content) => new(ReadStatus.Ok, content, null);

    public static ReadResult Refused(string path, string problem) => new(ReadStatus.Refused, [], $"{path} {problem}");
}
