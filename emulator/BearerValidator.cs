using System.Text.Json.Nodes;

namespace XaiGrok.Emulator;

/// <summary>Checks the bearer token of RFC 6750 §2.1: an emulator-signed access token or a configured API key.</summary>
internal sealed class BearerValidator(EmulatorState state)
{
    private const string Scheme = "Bearer ";
    private const string ApiKeyPrefix = "xai-";

    public BearerCheck Check(HttpRequest request)
    {
        var headers = request.Headers.Authorization;
        if (headers.Count == 0)
        {
            return BearerCheck.Missing;
        }

        if (headers.Count > 1 || headers[0] is not { } header
            || !header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            return BearerCheck.Invalid;
        }

        var token = header[Scheme.Length..];
        if (token.Length == 0 || token.Any(char.IsWhiteSpace))
        {
            return BearerCheck.Invalid;
        }

        if (token.StartsWith(ApiKeyPrefix, StringComparison.Ordinal))
        {
            return state.Options.ApiKeys.Contains(token, StringComparer.Ordinal)
                ? new BearerCheck(BearerStatus.Valid, ModelCatalog.ForApiKey(), HasSubscription: true, ModelCatalog.ForApiKey())
                : BearerCheck.Invalid;
        }

        return CheckAccessToken(token);
    }

    private BearerCheck CheckAccessToken(string token)
    {
        if (state.Signer.ReadVerified(token) is not { } claims
            || Claim<string>(claims, "iss") != state.Issuer
            || Claim<string>(claims, "jti") is not { } tokenId
            || claims["exp"] is not JsonValue expValue || !expValue.TryGetValue(out long expiresAt)
            || claims["tier"] is not JsonValue tierValue || !tierValue.TryGetValue(out int tier))
        {
            return BearerCheck.Invalid;
        }

        var store = state.Store;
        lock (store.Gate)
        {
            if (!store.AccessTokensById.TryGetValue(tokenId, out var issued) || issued.Revoked || issued.Grant.Revoked)
            {
                return BearerCheck.Invalid;
            }

            if (issued.ExpiredByControl || state.Clock.GetUtcNow().ToUnixTimeSeconds() >= expiresAt)
            {
                return BearerCheck.Expired;
            }
        }

        return new BearerCheck(BearerStatus.Valid, ModelCatalog.ForTier(tier), HasSubscription: tier >= 1, ModelCatalog.CallableForTier(tier, state.Options.MultiAgentForEveryTier));
    }

    private static T? Claim<T>(JsonObject claims, string name) =>
        claims[name] is JsonValue value && value.TryGetValue(out T? result) ? result : default;
}
