using XaiGrok.Onboarding.Config;
using XaiGrok.Onboarding.Errors;
using XaiGrok.Onboarding.Http;
using XaiGrok.Onboarding.Protocol;
using Names = XaiGrok.Onboarding.Protocol.OAuthConstants.Discovery;

namespace XaiGrok.Onboarding.Discovery;

/// <summary>
/// Fetches and validates <c>{issuer}/.well-known/openid-configuration</c>: the issuer must match, every endpoint must
/// use https (or loopback http) and sit on the issuer's site; redirects are refused. A good document is kept in
/// <paramref name="cache"/> (an hour for one person; a platform's TTL, shared by its users); a failure is never remembered.
/// </summary>
internal sealed class DiscoveryClient(HttpSender http, DiscoveryCache cache)
{
    /// <summary>How long one person's runtime keeps a document.</summary>
    public static readonly TimeSpan DefaultTtl = TimeSpan.FromHours(1);

    public Task<Outcome<DiscoveryDocument>> GetAsync(Uri issuer, CancellationToken cancellationToken) =>
        cache.GetAsync(issuer, () => FetchAsync(issuer), cancellationToken);

    private async Task<Outcome<DiscoveryDocument>> FetchAsync(Uri issuer)
    {
        var cancellationToken = CancellationToken.None;
        if (!EndpointRules.IsAllowedTransport(issuer))
        {
            return new Failure(ErrorCodes.InvalidConfiguration, $"the issuer {issuer.AbsoluteUri} must use https (plain http is allowed only on loopback).", "Fix XAI_OAUTH_ISSUER.");
        }

        var url = new Uri(issuer.AbsoluteUri.TrimEnd('/') + OAuthConstants.WellKnownPath);
        var sent = await http.SendAsync(() => new HttpRequestMessage(HttpMethod.Get, url), RequestKind.Idempotent, cancellationToken).ConfigureAwait(false);
        if (!sent.IsSuccess)
        {
            return sent.Failure;
        }

        return Parse(issuer, sent.Value);
    }

    internal static Outcome<DiscoveryDocument> Parse(Uri issuer, HttpReply reply)
    {
        if (reply.IsRedirect)
        {
            return Invalid("the discovery document answered with a redirect, which is not followed.");
        }

        if (reply.IsServerError)
        {
            return new Failure(ErrorCodes.UpstreamUnavailable, $"discovery answered HTTP {reply.StatusCode}.", Hints.RetryLater);
        }

        if (!reply.IsSuccess)
        {
            return Invalid($"discovery answered HTTP {reply.StatusCode}.");
        }

        if (reply.BodyTooLarge)
        {
            return Invalid("the discovery document is larger than the size limit.");
        }

        using var json = JsonObjectReader.TryParse(reply.Body);
        if (json is null)
        {
            return Invalid("the discovery document is not a JSON object.");
        }

        if (json.String(Names.Issuer) is not { } issuerText || !SameIssuer(issuerText, issuer))
        {
            return Invalid("the discovery document names a different issuer (or none).");
        }

        var token = Endpoint(json, issuer, Names.TokenEndpoint, required: true);
        var device = Endpoint(json, issuer, Names.DeviceAuthorizationEndpoint, required: false);
        var authorize = Endpoint(json, issuer, Names.AuthorizationEndpoint, required: false);
        var revoke = Endpoint(json, issuer, Names.RevocationEndpoint, required: false);
        var jwks = Endpoint(json, issuer, Names.JwksUri, required: false);
        foreach (var failure in new[] { token.Failure, device.Failure, authorize.Failure, revoke.Failure, jwks.Failure })
        {
            if (failure is not null)
            {
                return failure;
            }
        }

        return new DiscoveryDocument(issuer, token.Value!, device.Value, authorize.Value, revoke.Value, jwks.Value)
        {
            IssuerIdentifier = issuerText,
            IssParameterSupported = json.Root.TryGetProperty(Names.IssParameterSupported, out var supported) && supported.ValueKind == System.Text.Json.JsonValueKind.True,
        };
    }

    private static Outcome<Uri?> Endpoint(JsonObjectReader json, Uri issuer, string name, bool required)
    {
        if (!json.Has(name))
        {
            return required ? Invalid($"the discovery document has no {name}.") : (Outcome<Uri?>)(Uri?)null;
        }

        if (json.String(name) is not { } text || !Uri.TryCreate(text, UriKind.Absolute, out var uri))
        {
            return Invalid($"{name} in the discovery document is not an absolute URL.");
        }

        if (!EndpointRules.IsOnIssuerSite(issuer, uri))
        {
            return Invalid($"{name} ({uri.Scheme}://{uri.Authority}) is not an https endpoint on the issuer's site.");
        }

        return uri;
    }

    private static bool SameIssuer(string declared, Uri configured) =>
        string.Equals(declared.TrimEnd('/'), configured.AbsoluteUri.TrimEnd('/'), StringComparison.Ordinal);

    private static Failure Invalid(string detail) =>
        new(ErrorCodes.InvalidResponse, detail, "The OAuth issuer's discovery document is not usable; check XAI_OAUTH_ISSUER.");
}
