namespace XaiGrok.Onboarding.Http;

/// <summary>The time and size limits every request runs under.</summary>
internal sealed record HttpLimits
{
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>One attempt, from sending to the last byte of the body (a slow-drip body counts).</summary>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>All attempts and the waits between them.</summary>
    public TimeSpan TotalTimeout { get; init; } = TimeSpan.FromSeconds(300);

    public int MaxBodyBytes { get; init; } = 1024 * 1024;

    public int MaxRetries { get; init; } = 3;

    public int MaxRateLimitRetries { get; init; } = 2;

    /// <summary>A <c>Retry-After</c> longer than this is not waited out: the caller gets <c>rate_limited</c>.</summary>
    public TimeSpan MaxRetryAfter { get; init; } = TimeSpan.FromSeconds(120);

    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>One chat attempt up to its whole answer (multi-agent models can think for minutes).</summary>
    public TimeSpan ChatAttemptTimeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// The longest time a streamed answer may go without a piece of text before it counts as cut off. Events without
    /// text (keep-alives, comments, empty chunks) do not count: a server that sends only those is not answering.
    /// </summary>
    public TimeSpan StreamIdleTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>The longest a streamed answer may take from its first byte to its end.</summary>
    public TimeSpan StreamTimeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>The largest one server-sent event (or line) may be; the SSE parser holds a whole event in memory.</summary>
    public int StreamMaxEventBytes { get; init; } = 1024 * 1024;

    /// <summary>The most text a streamed answer may collect (UTF-16 characters, so twice this in bytes of memory).</summary>
    public int StreamMaxAnswerChars { get; init; } = 4 * 1024 * 1024;
}
