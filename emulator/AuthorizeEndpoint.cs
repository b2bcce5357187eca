using Microsoft.AspNetCore.WebUtilities;

namespace XaiGrok.Emulator;

/// <summary>
/// The authorization endpoint (RFC 6749 §4.1.1) for native apps: PKCE S256 required, loopback redirect only.
/// There is no login page: <see cref="EmulatorControl.AutoApproveAuthorization"/> decides the answer.
/// </summary>
internal sealed class AuthorizeEndpoint(EmulatorState state)
{
    private const int CodeLifetimeSeconds = 60;

    public IResult Handle(HttpContext context)
    {
        var query = context.Request.Query;
        if (query.Any(p => p.Value.Count > 1))
        {
            return Results.BadRequest("A parameter appears more than once.");
        }

        string? Parameter(string name) => query[name] is { Count: 1 } v && !string.IsNullOrEmpty(v[0]) ? v[0] : null;

        // §4.1.2.1: with an unknown client or a bad redirect_uri the user agent must not be redirected.
        if (Parameter("client_id") is not { } clientId || !state.IsAcceptedClient(clientId))
        {
            return Results.BadRequest("Missing or unknown client_id.");
        }

        if (Parameter("redirect_uri") is not { } redirectUri || !LoopbackRedirect.IsAllowed(redirectUri))
        {
            return Results.BadRequest("redirect_uri must be an http loopback IP address (RFC 8252 §7.3).");
        }

        var stateParameter = Parameter("state");
        IResult Redirect(Dictionary<string, string?> parameters)
        {
            if (stateParameter is not null)
            {
                parameters["state"] = stateParameter;
            }

            // RFC 9207: every authorization response names its issuer (discovery promises it).
            if (!state.Options.OmitAuthorizationResponseIss)
            {
                parameters["iss"] = state.Issuer;
            }

            return Results.Redirect(QueryHelpers.AddQueryString(redirectUri, parameters));
        }

        IResult Refuse(string error, string description) =>
            Redirect(new() { ["error"] = error, ["error_description"] = description });

        if (Parameter("response_type") != "code")
        {
            return Refuse(OAuthErrors.UnsupportedResponseType, "Only response_type=code is supported.");
        }

        var scope = Parameter("scope") ?? Scopes.Default;
        if (!Scopes.AreSupported(scope))
        {
            return Refuse(OAuthErrors.InvalidScope, "The requested scope is unknown.");
        }

        if (Parameter("code_challenge_method") != Pkce.S256 || Parameter("code_challenge") is not { } challenge || !Pkce.IsWellFormedChallenge(challenge))
        {
            return Refuse(OAuthErrors.InvalidRequest, "PKCE is required: code_challenge with code_challenge_method=S256.");
        }

        var store = state.Store;
        lock (store.Gate)
        {
            if (store.AutoApproveTier is not { } tier)
            {
                return Refuse(OAuthErrors.AccessDenied, "The user did not approve the request.");
            }

            var code = RandomValues.OpaqueToken();
            state.IssuedSecrets.Enqueue(code);
            var expiresAt = state.Clock.GetUtcNow().AddSeconds(CodeLifetimeSeconds);
            store.AuthorizationCodes[code] = new AuthorizationCode(clientId, redirectUri, challenge, scope, Parameter("nonce"), tier, expiresAt);
            return Redirect(new() { ["code"] = code });
        }
    }
}
