using XaiGrok.Onboarding.Oidc;
using Xunit;

namespace XaiGrok.Onboarding.Tests.Oidc;

public sealed class AuthorizationUrlTests
{
    private static readonly Uri Redirect = new("http://127.0.0.1:5555/callback");

    [Fact]
    public void Build_WithAudience_SendsEveryParameterEscaped()
    {
        var request = new OidcLoginRequest(new Uri("https://acme.okta.com"), "0oa1b2c3") { Audience = "https://api.acme.test/" };

        var url = AuthorizationUrl.Build(new Uri("https://acme.okta.com/oauth2/v1/authorize"), request, Redirect, "the-state", "the-nonce", "the-challenge");

        Assert.Equal("code", Loopback.Query(url, "response_type"));
        Assert.Equal("0oa1b2c3", Loopback.Query(url, "client_id"));
        Assert.Equal(Redirect.AbsoluteUri, Loopback.Query(url, "redirect_uri"));
        Assert.Equal("openid profile email offline_access api:access", Loopback.Query(url, "scope"));
        Assert.Equal(("the-state", "the-nonce"), (Loopback.Query(url, "state"), Loopback.Query(url, "nonce")));
        Assert.Equal(("the-challenge", "S256"), (Loopback.Query(url, "code_challenge"), Loopback.Query(url, "code_challenge_method")));
        Assert.Equal("https://api.acme.test/", Loopback.Query(url, "audience"));
        Assert.Contains("scope=openid%20profile", url.AbsoluteUri, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_WithoutAudience_OmitsIt_AndKeepsTheEndpointsOwnQuery()
    {
        var request = new OidcLoginRequest(new Uri("https://login.acme.test"), "client");

        var url = AuthorizationUrl.Build(new Uri("https://login.acme.test/authorize?tenant=acme"), request, Redirect, "s", "n", "c");

        Assert.Equal("acme", Loopback.Query(url, "tenant"));
        Assert.DoesNotContain("audience=", url.Query, StringComparison.Ordinal);
    }
}
