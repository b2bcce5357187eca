using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using XaiGrok.Onboarding.Errors;
using XaiGrok.Onboarding.Protocol;

namespace XaiGrok.Onboarding.Oidc;

/// <summary>
/// Validates an id_token as OpenID Connect Core §3.1.3.7 asks: signed with an asymmetric key from the issuer's key
/// set, <c>iss</c> is the issuer, <c>aud</c> names the client, <c>exp</c>/<c>nbf</c> hold on the injected clock,
/// and <c>nonce</c> is the one this sign-in sent, so a token made for another sign-in cannot be replayed here.
/// </summary>
internal sealed class IdTokenValidator(TimeProvider clock)
{
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(2);

    // Symmetric algorithms are left out: with them a public key could be misused as an HMAC secret.
    private static readonly string[] Algorithms =
    [
        SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512,
        SecurityAlgorithms.RsaSsaPssSha256, SecurityAlgorithms.RsaSsaPssSha384, SecurityAlgorithms.RsaSsaPssSha512,
        SecurityAlgorithms.EcdsaSha256, SecurityAlgorithms.EcdsaSha384, SecurityAlgorithms.EcdsaSha512,
    ];

    private readonly JsonWebTokenHandler handler = new();

    public async Task<Outcome<IdTokenClaims>> ValidateAsync(string idToken, Uri issuer, string clientId, string nonce, IReadOnlyList<SecurityKey> keys)
    {
        var parameters = new TokenValidationParameters
        {
            // Discovery matched the issuer with or without its trailing slash; the token's iss may be either form.
            ValidIssuers = [issuer.AbsoluteUri, issuer.AbsoluteUri.TrimEnd('/')],
            ValidAudience = clientId,
            IssuerSigningKeys = keys,
            ValidAlgorithms = Algorithms,
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            ValidateLifetime = true,
            LifetimeValidator = IsCurrent,
            ClockSkew = ClockSkew,
        };

        var result = await handler.ValidateTokenAsync(idToken, parameters).ConfigureAwait(false);
        if (!result.IsValid || result.SecurityToken is not JsonWebToken token)
        {
            return OidcFailures.IdToken(Describe(result.Exception));
        }

        if (!token.TryGetPayloadValue<string>(OAuthConstants.Claims.Nonce, out var sentBack) || !SameText(sentBack, nonce))
        {
            return OidcFailures.IdToken("its nonce is not the one this sign-in sent.");
        }

        if (token.TryGetPayloadValue<string>(OAuthConstants.Claims.AuthorizedParty, out var party) && !string.Equals(party, clientId, StringComparison.Ordinal))
        {
            return OidcFailures.IdToken("its azp names another client.");
        }

        if (string.IsNullOrEmpty(token.Subject))
        {
            return OidcFailures.IdToken("it has no sub.");
        }

        var email = token.TryGetPayloadValue<string>(OAuthConstants.Claims.Email, out var mail) && !string.IsNullOrWhiteSpace(mail) ? mail : null;
        return new IdTokenClaims(token.Subject, email);
    }

    private bool IsCurrent(DateTime? notBefore, DateTime? expires, SecurityToken token, TokenValidationParameters parameters)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return expires is { } end && end.ToUniversalTime() > now - ClockSkew
            && (notBefore is not { } start || start.ToUniversalTime() <= now + ClockSkew);
    }

    private static bool SameText(string? a, string b) =>
        a is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(a), Encoding.UTF8.GetBytes(b));

    // The library's messages are not shown: they can quote parts of the token.
    private static string Describe(Exception? exception) => exception switch
    {
        SecurityTokenSignatureKeyNotFoundException => "it is not signed by any key of the issuer's key set.",
        SecurityTokenInvalidAlgorithmException => "it is signed with an algorithm that is not accepted.",
        SecurityTokenInvalidSignatureException => "its signature does not verify against the issuer's keys.",
        SecurityTokenInvalidIssuerException => "its iss is not the configured issuer.",
        SecurityTokenInvalidAudienceException => "its aud does not name this client id.",
        SecurityTokenExpiredException or SecurityTokenInvalidLifetimeException or SecurityTokenNoExpirationException or SecurityTokenNotYetValidException
            => "it is expired or not yet valid (check this machine's clock).",
        SecurityTokenMalformedException => "it is not a well-formed JWT.",
        _ => "it did not pass validation.",
    };
}
