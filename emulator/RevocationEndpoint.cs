namespace XaiGrok.Emulator;

/// <summary>
/// Token revocation (RFC 7009). Any token, even unknown or already invalid, gets 200 (§2.2);
/// revoking a refresh token revokes its grant and with it every access token of the grant.
/// </summary>
internal sealed class RevocationEndpoint(EmulatorState state)
{
    public async Task<IResult> HandleAsync(HttpContext context)
    {
        OAuthResults.ForbidCaching(context.Response);
        var (form, error) = await OAuthForm.ReadAsync(context);
        if (form is null)
        {
            return error!;
        }

        if (form["token"] is not { } token)
        {
            return OAuthResults.Error(OAuthErrors.InvalidRequest, "token is required.");
        }

        var clientId = form["client_id"];
        if (clientId is not null && !state.IsAcceptedClient(clientId))
        {
            return OAuthResults.Error(OAuthErrors.InvalidClient, "Unknown client.");
        }

        // §2.1: the hint only speeds up the lookup, so every token type is searched regardless.
        var accessTokenId = state.Signer.ReadVerified(token)?["jti"]?.GetValue<string>();
        var store = state.Store;
        lock (store.Gate)
        {
            var grant = store.GrantsByRefreshToken.GetValueOrDefault(token);
            var accessToken = accessTokenId is null ? null : store.AccessTokensById.GetValueOrDefault(accessTokenId);
            var owner = grant ?? accessToken?.Grant;
            if (owner is not null && clientId is not null && !string.Equals(owner.ClientId, clientId, StringComparison.Ordinal))
            {
                return OAuthResults.Error(OAuthErrors.InvalidClient, "The token was issued to another client.");
            }

            if (grant is not null)
            {
                store.Revoke(grant);
            }

            accessToken?.Revoked = true;
        }

        return Results.Ok();
    }
}
