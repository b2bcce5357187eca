using XaiGrok.Onboarding.Config;
using Xunit;

namespace XaiGrok.Onboarding.Tests.Config;

public sealed class EndpointRulesTests
{
    [Theory]
    [InlineData("https://auth.x.ai/oauth2/token", true)]
    [InlineData("https://auth.x.ai:8443/oauth2/token", true)]
    [InlineData("http://127.0.0.1:5000/oauth2/token", true)]
    [InlineData("http://127.45.6.7/oauth2/token", true)]
    [InlineData("http://[::1]:5000/oauth2/token", true)]
    [InlineData("http://localhost:5000/oauth2/token", true)]
    [InlineData("http://LOCALHOST/oauth2/token", true)]
    [InlineData("http://auth.x.ai/oauth2/token", false)]
    [InlineData("http://10.0.0.1/oauth2/token", false)]
    [InlineData("http://localhost.evil.com/oauth2/token", false)]
    [InlineData("http://127.0.0.1.nip.io/oauth2/token", false)]
    [InlineData("ftp://auth.x.ai/file", false)]
    [InlineData("javascript:alert(1)", false)]
    [InlineData("file:///etc/passwd", false)]
    [InlineData("https://user:secret@auth.x.ai/oauth2/token", false)]
    [InlineData("https://user@auth.x.ai/oauth2/token", false)]
    [InlineData("http://user@127.0.0.1:5000/oauth2/token", false)]
    public void IsAllowedTransport_HttpsAnywhereHttpOnlyOnLoopbackNoUserInfo(string url, bool allowed) =>
        Assert.Equal(allowed, EndpointRules.IsAllowedTransport(new Uri(url)));

    [Fact]
    public void IsAllowedTransport_RelativeUri_IsRefused() =>
        Assert.False(EndpointRules.IsAllowedTransport(new Uri("/oauth2/token", UriKind.Relative)));

    [Theory]
    [InlineData("localhost", true)]
    [InlineData("LocalHost", true)]
    [InlineData("127.0.0.1", true)]
    [InlineData("127.255.255.254", true)]
    [InlineData("::1", true)]
    [InlineData("[::1]", true)]
    [InlineData("128.0.0.1", false)]
    [InlineData("0.0.0.0", false)]
    [InlineData("::", false)]
    [InlineData("auth.x.ai", false)]
    [InlineData("localhost.x.ai", false)]
    [InlineData("", false)]
    public void IsLoopback_OnlyLoopbackAddressesAndLocalhost(string host, bool loopback) =>
        Assert.Equal(loopback, EndpointRules.IsLoopback(host));

    [Theory]
    [InlineData("https://auth.x.ai", "https://auth.x.ai/oauth2/token", true)]
    [InlineData("https://auth.x.ai", "https://AUTH.X.AI/oauth2/token", true)]
    [InlineData("https://auth.x.ai", "https://auth.x.ai:8443/oauth2/token", true)]
    [InlineData("https://auth.x.ai", "https://accounts.x.ai/device", true)]
    [InlineData("https://auth.x.ai", "https://deep.accounts.x.ai/device", true)]
    [InlineData("https://auth.x.ai", "https://evil.com/device", false)]
    [InlineData("https://auth.x.ai", "https://x.ai.evil.com/device", false)]
    [InlineData("https://auth.x.ai", "https://evilx.ai/device", false)]
    [InlineData("https://auth.x.ai", "https://accounts.x.ai.evil.com/device", false)]
    [InlineData("https://auth.x.ai", "http://accounts.x.ai/device", false)]
    [InlineData("https://auth.x.ai", "http://auth.x.ai/oauth2/token", false)]
    [InlineData("https://auth.x.ai", "https://user@accounts.x.ai/device", false)]
    [InlineData("https://auth.x.ai", "javascript:alert(1)", false)]
    [InlineData("https://auth.x.ai", "http://127.0.0.1/device", false)]
    [InlineData("https://x.ai", "https://x.ai/oauth2/token", true)]
    [InlineData("https://x.ai", "https://sub.x.ai/oauth2/token", false)]
    [InlineData("https://x.ai", "https://evil.ai/oauth2/token", false)]
    [InlineData("https://a.b.example.com", "https://c.b.example.com/x", true)]
    [InlineData("https://a.b.example.com", "https://c.example.com/x", false)]
    [InlineData("http://127.0.0.1:5000", "http://127.0.0.1:6000/oauth2/token", true)]
    [InlineData("http://127.0.0.1:5000", "http://127.0.0.2:5000/oauth2/token", false)]
    [InlineData("http://127.0.0.1:5000", "http://localhost:5000/oauth2/token", false)]
    [InlineData("http://127.0.0.1:5000", "https://127.0.0.1:5000/oauth2/token", false)]
    [InlineData("http://localhost:5000", "http://localhost:5001/device", true)]
    [InlineData("http://localhost:5000", "http://sub.localhost:5000/device", false)]
    [InlineData("http://[::1]:5000", "http://[::1]:5001/device", true)]
    [InlineData("https://203.0.113.7", "https://203.0.113.7/oauth2/token", true)]
    [InlineData("https://203.0.113.7", "https://203.0.113.8/oauth2/token", false)]
    [InlineData("http://auth.x.ai", "https://accounts.x.ai/device", false)]
    public void IsOnIssuerSite_SameHostOrSameParentDomainOverHttps(string issuer, string endpoint, bool onSite) =>
        Assert.Equal(onSite, EndpointRules.IsOnIssuerSite(new Uri(issuer), new Uri(endpoint)));
}
