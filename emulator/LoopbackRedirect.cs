using System.Net;

namespace XaiGrok.Emulator;

/// <summary>RFC 8252 §7.3: native apps redirect to a loopback IP literal over http, on any port.</summary>
internal static class LoopbackRedirect
{
    public static bool IsAllowed(string redirectUri) =>
        Uri.TryCreate(redirectUri, UriKind.Absolute, out var uri)
        && uri.Scheme == Uri.UriSchemeHttp
        && uri.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6
        && IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address)
        && IPAddress.IsLoopback(address)
        && string.IsNullOrEmpty(uri.Fragment)
        && string.IsNullOrEmpty(uri.UserInfo);
}
