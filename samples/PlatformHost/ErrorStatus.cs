namespace XaiGrok.Samples.PlatformHost;

/// <summary>
/// The one table from the library's stable error codes (SKILL.md) to this host's HTTP statuses. A user whose xAI session
/// is missing or ended gets 409, not 401: the caller of this API did authenticate (to the platform); what is missing is
/// the user's link to xAI, and a 401 would send a browser or API gateway into the platform's own sign-in.
/// </summary>
internal static class ErrorStatus
{
    public static int For(string? code) => code switch
    {
        "invalid_request" or "usage_error" or "model_unavailable" => StatusCodes.Status400BadRequest,
        "access_denied" or "forbidden" => StatusCodes.Status403Forbidden,
        "not_connected" or "reauth_required" or "no_pending_flow" => StatusCodes.Status409Conflict,
        "expired" => StatusCodes.Status410Gone,
        "rate_limited" => StatusCodes.Status429TooManyRequests,
        "upstream_unavailable" or "network_error" or "invalid_response" or "oauth_error" or "stream_interrupted"
            or "generation_failed" or "api_key_rejected" => StatusCodes.Status502BadGateway,
        "terminated" => StatusCodes.Status503ServiceUnavailable,

        // invalid_configuration, client_not_configured, credential_store_error, internal_error, and a code this table
        // does not know yet: the host's side failed.
        _ => StatusCodes.Status500InternalServerError,
    };
}
