using System.Text.Json.Nodes;

namespace XaiGrok.Emulator;

/// <summary>Builds the token response of RFC 6749 §5.1 for a grant; call it under the store's gate.</summary>
internal sealed class TokenIssuer(EmulatorState state)
{
    public JsonObject Issue(Grant grant)
    {
        var store = state.Store;
        var now = state.Clock.GetUtcNow().ToUnixTimeSeconds();
        var lifetime = state.Options.AccessTokenLifetimeSeconds;
        var tokenId = RandomValues.TokenId();
        var accessToken = state.Signer.Sign(new JsonObject
        {
            ["iss"] = state.Issuer,
            ["sub"] = grant.Subject,
            ["aud"] = grant.ClientId,
            ["iat"] = now,
            ["exp"] = now + lifetime,
            ["jti"] = tokenId,
            ["scope"] = grant.Scope,
            ["tier"] = grant.Tier,
            ["email"] = grant.Email,
        });
        store.AccessTokensById[tokenId] = new IssuedAccessToken(grant);

        if (grant.CurrentRefreshToken is { } previous)
        {
            store.GrantsByRefreshToken.Remove(previous);
            store.RotatedOutRefreshTokens[previous] = grant;
        }

        var refreshToken = RandomValues.OpaqueToken();
        grant.CurrentRefreshToken = refreshToken;
        store.GrantsByRefreshToken[refreshToken] = grant;

        state.IssuedSecrets.Enqueue(accessToken);
        state.IssuedSecrets.Enqueue(refreshToken);
        var response = new JsonObject
        {
            ["access_token"] = accessToken,
            ["token_type"] = "Bearer",
            ["expires_in"] = lifetime,
            ["refresh_token"] = refreshToken,
            ["scope"] = grant.Scope,
        };
        if (Scopes.Includes(grant.Scope, Scopes.OpenId))
        {
            var idToken = IdToken(grant, now);
            state.IssuedSecrets.Enqueue(idToken);
            response["id_token"] = idToken;
        }

        return response;
    }

    private string IdToken(Grant grant, long now)
    {
        var claims = new JsonObject
        {
            ["iss"] = state.Issuer,
            ["sub"] = grant.Subject,
            ["aud"] = grant.ClientId,
            ["iat"] = now,
            ["exp"] = now + state.Options.AccessTokenLifetimeSeconds,
            ["email"] = grant.Email,
        };
        if (grant.Nonce is { } nonce)
        {
            claims["nonce"] = nonce;
        }

        return state.Signer.Sign(claims);
    }
}
