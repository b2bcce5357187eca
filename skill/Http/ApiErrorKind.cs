namespace XaiGrok.Onboarding.Http;

/// <summary>What an xAI API answer that is not a success means for the caller.</summary>
internal enum ApiErrorKind
{
    /// <summary>The token is expired or revoked (401, or 403 <c>unauthenticated:bad-credentials</c>): refresh once, retry once.</summary>
    CredentialsExpired,

    /// <summary>Entitlement or allowlist refusal (any other 403): no refresh loop.</summary>
    Forbidden,

    RateLimited,

    UpstreamUnavailable,

    /// <summary>A multi-agent model sent to chat completions: fail over to the Responses API once.</summary>
    WrongLane,

    BadRequest,

    NotFound,

    Unexpected,
}
