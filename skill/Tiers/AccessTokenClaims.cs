using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using XaiGrok.Onboarding.Protocol;

namespace XaiGrok.Onboarding.Tiers;

/// <summary>
/// What the module reads from an access token without validating it (the token is for the API, which validates it;
/// we only learn the tier, the expiry and the account from it). A token that is not a JWT yields no claims.
/// </summary>
internal sealed record AccessTokenClaims(long? Tier, DateTimeOffset? ExpiresAt, string? Subject, string? Email)
{
    public static readonly AccessTokenClaims None = new(null, null, null, null);

    private static readonly JsonWebTokenHandler Handler = new() { MaximumTokenSizeInBytes = 64 * 1024 };

    public static AccessTokenClaims Read(string accessToken)
    {
        if (!Handler.CanReadToken(accessToken))
        {
            return None;
        }

        try
        {
            var jwt = Handler.ReadJsonWebToken(accessToken);
            if (JsonText.HasUndecodableEscape(Base64UrlEncoder.DecodeBytes(jwt.EncodedPayload)))
            {
                return None;
            }

            return new AccessTokenClaims(ReadTier(jwt), ReadExpiry(jwt), Text(jwt, OAuthConstants.Claims.Subject), Text(jwt, OAuthConstants.Claims.Email));
        }
        catch (Exception exception) when (exception is ArgumentException or FormatException or System.Text.Json.JsonException)
        {
            // Malformed base64 or JSON inside a three-part string: not a JWT we can read. The message is not kept:
            // it may quote the token.
            return None;
        }
    }

    private static long? ReadTier(JsonWebToken jwt)
    {
        // Read from the payload's own JSON: only a JSON integer counts. A string "4" or an array [4] is not the
        // vendor's format (the claims API would flatten the array into an Integer claim) and reads as unknown.
        using var payload = System.Text.Json.JsonDocument.Parse(Base64UrlEncoder.DecodeBytes(jwt.EncodedPayload));
        return payload.RootElement.TryGetProperty(OAuthConstants.Claims.Tier, out var tier)
            && tier.ValueKind == System.Text.Json.JsonValueKind.Number
            && tier.TryGetInt64(out var number)
                ? number
                : null;
    }

    private static DateTimeOffset? ReadExpiry(JsonWebToken jwt) =>
        jwt.TryGetPayloadValue<long>(OAuthConstants.Claims.Expiry, out var seconds) && seconds > 0 && seconds < 253402300799
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : null;

    private static string? Text(JsonWebToken jwt, string name) =>
        jwt.TryGetPayloadValue<string>(name, out var value) && !string.IsNullOrWhiteSpace(value) && value.Length <= 256 && PrintableText.IsPrintable(value, TextKind.Prose)
            ? value
            : null;
}
