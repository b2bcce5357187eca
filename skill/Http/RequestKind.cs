namespace XaiGrok.Onboarding.Http;

/// <summary>How a request may be retried: it decides the resilience pipeline it runs through.</summary>
internal enum RequestKind
{
    /// <summary>A GET (discovery, models): retried on 5xx, 408, 429 and transport failures.</summary>
    Idempotent,

    /// <summary>
    /// A request that may consume something on the server (a refresh token rotates on use): retried only when the
    /// server answered 5xx or 429, which proves it did not act; never after a transport failure.
    /// </summary>
    RetryOnlyOnServerAnswer,

    /// <summary>Sent once (a device-code poll: the next poll is the retry, on the protocol's interval).</summary>
    Once,

    /// <summary>
    /// A chat call: retried only when it cannot have reached the model (429 with a short Retry-After, a gateway
    /// 502/503/504, a connection that never opened), so an answer is never paid for twice. Long timeouts.
    /// </summary>
    ChatPost,
}
