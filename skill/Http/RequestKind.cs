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
}
