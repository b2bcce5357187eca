using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.Tokens;
using XaiGrok.Onboarding.Config;
using XaiGrok.Onboarding.Errors;
using XaiGrok.Onboarding.Http;

namespace XaiGrok.Onboarding.Oidc;

/// <summary>
/// Fetches the issuer's signing keys (RFC 7517) from its <c>jwks_uri</c>: on the issuer's site, https or loopback,
/// no redirects, and a body far smaller than the general cap, since a key set is a few kilobytes.
/// </summary>
internal sealed class JwksClient(HttpSender http)
{
    private const int MaxBytes = 256 * 1024;

    public async Task<Outcome<IReadOnlyList<SecurityKey>>> GetSigningKeysAsync(Uri issuer, Uri jwksUri, CancellationToken cancellationToken)
    {
        if (!EndpointRules.IsOnIssuerSite(issuer, jwksUri))
        {
            return OidcFailures.Keys("jwks_uri is not an https endpoint on the issuer's site.");
        }

        var sent = await http.SendAsync(() => new HttpRequestMessage(HttpMethod.Get, jwksUri), RequestKind.Idempotent, cancellationToken).ConfigureAwait(false);
        if (!sent.IsSuccess)
        {
            return sent.Failure;
        }

        var reply = sent.Value;
        if (reply.IsServerError)
        {
            return new Failure(ErrorCodes.UpstreamUnavailable, $"the identity provider's jwks_uri answered HTTP {reply.StatusCode}.", "The identity provider is having trouble; try again shortly.");
        }

        if (!reply.IsSuccess)
        {
            return OidcFailures.Keys($"jwks_uri answered HTTP {reply.StatusCode}{(reply.IsRedirect ? " (redirects are not followed)" : string.Empty)}.");
        }

        if (reply.BodyTooLarge || reply.Body.Length > MaxBytes || !System.Text.Unicode.Utf8.IsValid(reply.Body))
        {
            return OidcFailures.Keys("the key set is too large or not UTF-8 text.");
        }

        try
        {
            var keys = new JsonWebKeySet(Encoding.UTF8.GetString(reply.Body)).GetSigningKeys();
            return keys.Count == 0 ? OidcFailures.Keys("the key set holds no usable signing key.") : Outcome<IReadOnlyList<SecurityKey>>.Of([.. keys]);
        }
        catch (Exception e) when (e is ArgumentException or JsonException or FormatException or InvalidOperationException)
        {
            return OidcFailures.Keys("the key set is not a JSON Web Key Set.");
        }
    }
}
