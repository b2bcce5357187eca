namespace XaiGrok.Emulator;

/// <summary>The access token request of RFC 6749 §4.1.3 with the PKCE verifier of RFC 7636 §4.5.</summary>
internal sealed class AuthorizationCodeGrant(EmulatorState state)
{
    private readonly TokenIssuer issuer = new(state);

    public IResult Redeem(OAuthForm form, string clientId)
    {
        if (form["code"] is not { } code || form["redirect_uri"] is not { } redirectUri || form["code_verifier"] is not { } verifier)
        {
            return OAuthResults.Error(OAuthErrors.InvalidRequest, "code, redirect_uri and code_verifier are required.");
        }

        if (!Pkce.IsWellFormedVerifier(verifier))
        {
            return OAuthResults.Error(OAuthErrors.InvalidRequest, "code_verifier must be 43 to 128 unreserved characters.");
        }

        var store = state.Store;
        lock (store.Gate)
        {
            // §4.1.2: a code used twice revokes what it already produced.
            if (store.RedeemedAuthorizationCodes.TryGetValue(code, out var earlierGrant))
            {
                store.Revoke(earlierGrant);
                return OAuthResults.Error(OAuthErrors.InvalidGrant, "The authorization code was already used.");
            }

            if (!store.AuthorizationCodes.Remove(code, out var issued)
                || state.Clock.GetUtcNow() >= issued.ExpiresAt
                || !string.Equals(issued.ClientId, clientId, StringComparison.Ordinal)
                || !string.Equals(issued.RedirectUri, redirectUri, StringComparison.Ordinal)
                || !Pkce.Matches(verifier, issued.CodeChallenge))
            {
                return OAuthResults.Error(OAuthErrors.InvalidGrant, "The authorization code is unknown, expired, or does not match the client, redirect_uri or code_verifier.");
            }

            var grant = new Grant(store.NextSubject(), clientId, issued.Scope, issued.Tier, issued.Nonce);
            store.RedeemedAuthorizationCodes[code] = grant;
            return Results.Json(issuer.Issue(grant));
        }
    }
}
