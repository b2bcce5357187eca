using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
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
        if (!jwt.TryGetClaim(OAuthConstants.Claims.Tier, out var claim))
        {
            return null;
        }

        // Only a JSON number counts: a string "4" is not the vendor's format and is reported as unknown.
        var numeric = claim.ValueType is ClaimValueTypes.Integer or ClaimValueTypes.Integer32 or ClaimValueTypes.Integer64
            or ClaimValueTypes.UInteger32 or ClaimValueTypes.UInteger64;
        return numeric && long.TryParse(claim.Value, System.Globalization.CultureInfo.InvariantCulture, out var tier) ? tier : null;
    }

    private static DateTimeOffset? ReadExpiry(JsonWebToken jwt) =>
        jwt.TryGetPayloadValue<long>("exp", out var seconds) && seconds > 0 && seconds < 253402300799
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : null;

    private static string? Text(JsonWebToken jwt, string name) =>
        jwt.TryGetPayloadValue<string>(name, out var value) && !string.IsNullOrWhiteSpace(value) && value.Length <= 256 && !TextChecks.HasControlCharacters(value)
            ? value
            : null;
}
