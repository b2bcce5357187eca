namespace XaiGrok.Emulator;

/// <summary>A misbehaviour applied to the next <paramref name="Count"/> requests whose path starts with <paramref name="PathPrefix"/>.</summary>
public sealed record EmulatorFault(string PathPrefix, int Count = 1)
{
    /// <summary>Answer with this status instead of doing the work.</summary>
    public int? Status { get; init; }

    /// <summary>Raw body sent with <see cref="Status"/> (for example malformed JSON).</summary>
    public string? Body { get; init; }

    public string? ContentType { get; init; }

    /// <summary>A real delay before answering; the emulator's own clock stays out of it.</summary>
    public int DelayMilliseconds { get; init; }

    /// <summary>Abort the connection without a response.</summary>
    public bool DropConnection { get; init; }

    /// <summary>Do the real work (for example rotate the refresh token), then abort the connection.</summary>
    public bool ProcessThenDrop { get; init; }

    public string? RetryAfter { get; init; }

    /// <summary>
    /// Do the real work (or, with <see cref="Status"/>, write that answer), then hold it until the test releases it
    /// (see <see cref="EmulatorHold"/>). In-process only: the control API over HTTP has no way to release it.
    /// </summary>
    public EmulatorHold? Hold { get; init; }

    /// <summary>For a streaming (SSE) answer: send this many events, then abort the connection. Other answers are unaffected.</summary>
    public int? CutStreamAfterEvents { get; init; }
}
