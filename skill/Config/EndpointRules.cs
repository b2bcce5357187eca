using System.Net;

namespace XaiGrok.Onboarding.Config;

/// <summary>
/// Which URLs the module will talk to or show: https everywhere, plain http only on loopback (tests, the emulator);
/// and endpoints a discovery document names must belong to the issuer's site.
/// </summary>
internal static class EndpointRules
{
    public static bool IsAllowedTransport(Uri uri) =>
        uri.IsAbsoluteUri
        && string.IsNullOrEmpty(uri.UserInfo)
        && (uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && IsLoopback(uri.Host)));

    public static bool IsLoopback(string host)
    {
        if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return IPAddress.TryParse(host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address);
    }

    /// <summary>
    /// Same host, or the same parent domain as the issuer (<c>auth.x.ai</c> and <c>accounts.x.ai</c> share <c>x.ai</c>).
    /// Without a public-suffix list the parent is the issuer's host less its first label, and only when that
    /// still has two labels: so <c>auth.x.ai</c> admits <c>*.x.ai</c>, while <c>x.ai</c> admits only itself.
    /// A loopback or IP issuer admits only its own host.
    /// </summary>
    public static bool IsOnIssuerSite(Uri issuer, Uri endpoint)
    {
        if (!IsAllowedTransport(endpoint) || !IsAllowedTransport(issuer))
        {
            return false;
        }

        var issuerHost = issuer.IdnHost.ToLowerInvariant();
        var endpointHost = endpoint.IdnHost.ToLowerInvariant();
        if (issuerHost == endpointHost)
        {
            return issuer.Scheme == endpoint.Scheme;
        }

        if (endpoint.Scheme != Uri.UriSchemeHttps || issuer.HostNameType != UriHostNameType.Dns || IsLoopback(issuerHost))
        {
            return false;
        }

        var firstDot = issuerHost.IndexOf('.', StringComparison.Ordinal);
        if (firstDot < 0)
        {
            return false;
        }

        var parent = issuerHost[(firstDot + 1)..];
        return parent.Contains('.', StringComparison.Ordinal) && endpointHost.EndsWith("." + parent, StringComparison.Ordinal);
    }
}
