namespace XaiGrok.Onboarding;

/// <summary>Where a <see cref="GrokFailure"/> came from, so a host can route it without knowing every error code.</summary>
public enum GrokFailureKind
{
    /// <summary>A server answered, but with something the protocol does not allow or an OAuth refusal (<c>invalid_response</c>, <c>access_denied</c>, <c>expired</c>, <c>oauth_error</c>, <c>reauth_required</c>).</summary>
    Protocol,

    /// <summary>xAI answered with an HTTP status that refuses the call (<c>forbidden</c>, <c>rate_limited</c>, <c>upstream_unavailable</c>, <c>api_key_rejected</c>, <c>generation_failed</c>).</summary>
    Http,

    /// <summary>xAI could not be reached, or the connection broke (<c>network_error</c>, <c>stream_interrupted</c>).</summary>
    Network,

    /// <summary>The host's settings are missing or unusable (<c>client_not_configured</c>, <c>invalid_configuration</c>).</summary>
    Configuration,

    /// <summary>The state folder cannot be used (<c>credential_store_error</c>).</summary>
    Storage,

    /// <summary>The person's session is not in a state for the call: not signed in, or no sign-in waiting (<c>not_connected</c>, <c>no_pending_flow</c>).</summary>
    Session,

    /// <summary>The call's own input was refused (<c>invalid_request</c>, <c>model_unavailable</c>).</summary>
    Request,

    /// <summary>A bug in the module (<c>internal_error</c>).</summary>
    Internal,
}
