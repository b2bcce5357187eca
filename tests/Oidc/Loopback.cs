using System.Net;

namespace XaiGrok.Onboarding.Tests.Oidc;

/// <summary>The test's "browser": never follows redirects, never uses a proxy, talks only to 127.0.0.1.</summary>
internal static class Loopback
{
    public static HttpClient NewBrowser() =>
        new(new SocketsHttpHandler { AllowAutoRedirect = false, UseProxy = false, UseCookies = false }) { Timeout = TimeSpan.FromSeconds(30) };

    public static string Query(Uri url, string name) =>
        url.Query.TrimStart('?').Split('&').Select(pair => pair.Split('=', 2)).Where(pair => Uri.UnescapeDataString(pair[0]) == name)
            .Select(pair => Uri.UnescapeDataString(pair.Length > 1 ? pair[1].Replace('+', ' ') : string.Empty)).Single();

    public static Uri WithQuery(Uri url, string name, string value)
    {
        var pairs = url.Query.TrimStart('?').Split('&').Where(pair => Uri.UnescapeDataString(pair.Split('=', 2)[0]) != name).Append($"{name}={Uri.EscapeDataString(value)}");
        return new UriBuilder(url) { Query = string.Join('&', pairs) }.Uri;
    }

    public static async Task<HttpStatusCode> GetStatusAsync(HttpClient browser, Uri url, CancellationToken ct)
    {
        using var response = await browser.GetAsync(url, ct);
        return response.StatusCode;
    }
}
