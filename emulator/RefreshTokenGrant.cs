namespace XaiGrok.Emulator;

/// <summary>
/// Refreshing (RFC 6749 §6) with rotation: every refresh token is single-use, and presenting one that
/// was rotated out is treated as theft, revoking the whole grant (OAuth 2.0 Security BCP §4.14.2).
/// </summary>
internal sealed class RefreshTokenGrant(EmulatorState state)
{
    private readonly TokenIssuer issuer = new(state);

    public IResult Redeem(OAuthForm form, string clientId)
    {
        if (form["refresh_token"] is not { } refreshToken)
        {
            return OAuthResults.Error(OAuthErrors.InvalidRequest, "refresh_token is required.");
        }

        var store = state.Store;
        lock (store.Gate)
        {
            if (store.RotatedOutRefreshTokens.TryGetValue(refreshToken, out var reusedGrant))
            {
                store.RefreshTokenReuseCount++;
                store.Revoke(reusedGrant);
                return OAuthResults.Error(OAuthErrors.InvalidGrant, "The refresh token was already used; the grant is revoked.");
            }

            if (!store.GrantsByRefreshToken.TryGetValue(refreshToken, out var grant)
                || !string.Equals(grant.ClientId, clientId, StringComparison.Ordinal))
            {
                return OAuthResults.Error(OAuthErrors.InvalidGrant, "The refresh token is unknown, revoked, or was issued to another client.");
            }

            if (form["scope"] is { } scope && !Scopes.IsSubsetOf(scope, grant.Scope))
            {
                return OAuthResults.Error(OAuthErrors.InvalidScope, "A refresh cannot widen the granted scope.");
            }

            var answer = issuer.Issue(grant);
            if (!store.RefreshesBySubject.TryGetValue(grant.Subject, out var times))
            {
                store.RefreshesBySubject[grant.Subject] = times = [];
            }

            times.Add(state.Clock.GetUtcNow());
            return Results.Json(answer);
        }
    }
}
