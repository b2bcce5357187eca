namespace XaiGrok.Onboarding.Errors;

/// <summary>The stable error codes a result may carry; SKILL.md lists them with the action for each.</summary>
internal static class ErrorCodes
{
    public const string AccessDenied = "access_denied";
    public const string Expired = "expired";
    public const string RateLimited = "rate_limited";
    public const string Forbidden = "forbidden";
    public const string ReauthRequired = "reauth_required";
    public const string UpstreamUnavailable = "upstream_unavailable";
    public const string NotConnected = "not_connected";
    public const string NoPendingFlow = "no_pending_flow";
    public const string ClientNotConfigured = "client_not_configured";
    public const string InvalidConfiguration = "invalid_configuration";
    public const string NetworkError = "network_error";
    public const string InvalidResponse = "invalid_response";
    public const string CredentialStoreError = "credential_store_error";
    public const string OAuthError = "oauth_error";
    public const string InternalError = "internal_error";
    public const string ModelUnavailable = "model_unavailable";
    public const string InvalidRequest = "invalid_request";
    public const string StreamInterrupted = "stream_interrupted";
    public const string ApiKeyRejected = "api_key_rejected";

    /// <summary>The CLI's own: arguments it cannot parse (exit code 2); the library never returns it.</summary>
    public const string UsageError = "usage_error";

    /// <summary>The CLI was ended by SIGTERM before its call finished (exit code 143).</summary>
    public const string Terminated = "terminated";

    public const string GenerationFailed = "generation_failed";
}
