namespace XaiGrok.Emulator;

/// <summary>How the emulator behaves; every default matches what xAI's service does.</summary>
public sealed class EmulatorOptions
{
    /// <summary>The emulator's clock; tests share a fake clock with the client.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    public int DeviceCodeLifetimeSeconds { get; init; } = 900;

    public int PollIntervalSeconds { get; init; } = 5;

    /// <summary>Answer the device authorization without "interval" (RFC 8628 §3.2 makes it optional).</summary>
    public bool OmitInterval { get; init; }

    /// <summary>Leave RFC 9207's <c>iss</c> out of authorization responses and out of the discovery promise (an older server).</summary>
    public bool OmitAuthorizationResponseIss { get; init; }

    public int AccessTokenLifetimeSeconds { get; init; } = 21600;

    /// <summary>Answer slow_down when a flow is polled sooner than its interval.</summary>
    public bool EnforcePollInterval { get; init; } = true;

    /// <summary>When set, any other client id gets invalid_client.</summary>
    public string? ExpectedClientId { get; init; }

    /// <summary>0 picks a free port.</summary>
    public int Port { get; init; }

    /// <summary>Answer an expired access token on /v1 with 403 unauthenticated:bad-credentials instead of 401.</summary>
    public bool ExpiredTokenAs403 { get; init; }

    /// <summary>
    /// Let OAuth callers below SuperGrok Heavy call the multi-agent model (still unlisted), as xAI does for some
    /// accounts; by default it answers 404 for them, as it does for most.
    /// </summary>
    public bool MultiAgentForEveryTier { get; init; }

    /// <summary>API keys (each starting with "xai-") that /v1 accepts as bearer tokens.</summary>
    public IReadOnlyCollection<string> ApiKeys { get; init; } = [];

    /// <summary>How many status requests of a video answer <c>pending</c> before it is done (0: done at the first).</summary>
    public int VideoPendingPolls { get; init; } = 1;

    /// <summary>Seconds of the emulator's clock a video stays <c>pending</c> after it was asked for, whatever the polls.</summary>
    public int VideoRenderSeconds { get; init; }

    /// <summary>When set, video answers that say "ask again later" carry this <c>Retry-After</c> (seconds).</summary>
    public int? VideoRetryAfterSeconds { get; init; }
}
