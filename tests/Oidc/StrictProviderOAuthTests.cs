using System.Net;
using Microsoft.Extensions.Time.Testing;
using XaiGrok.Onboarding.Runtime;
using XaiGrok.Onboarding.Tests.Support;
using Xunit;

namespace XaiGrok.Onboarding.Tests.Oidc;

/// <summary>
/// <c>LoginOAuthAsync</c> with a strictly RFC-following OpenID Provider as the xAI issuer (<see cref="FakeIdentityProvider"/>
/// in strict mode), on a fake clock: PKCE S256 verified, the exact redirect_uri, the code once, RFC 9207's <c>iss</c>,
/// the id_token against its JWKS, and the refresh at the same token endpoint. The browser's redirect is real loopback HTTP.
/// </summary>
public sealed class StrictProviderOAuthTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static (GrokOnboarding Module, FakeIdentityProvider Idp, TestHome Home) Compose(FakeTimeProvider clock)
    {
        var idp = new FakeIdentityProvider(clock) { Strict = true };
        var home = new TestHome();
        var options = new OnboardingOptions
        {
            Issuer = new Uri(FakeIdentityProvider.Issuer),
            ClientId = FakeIdentityProvider.ClientId,
            ApiBaseUrl = new Uri("http://127.0.0.1:9/v1"),
            Home = home.Path,
        };
        return (new GrokOnboarding(new OnboardingRuntime(options, clock, handler: idp, environment: _ => null)), idp, home);
    }

    /// <summary>The browser: the IdP's authorization endpoint answers with a redirect, which goes to the CLI's listener.</summary>
    private static async Task<HttpStatusCode> BrowseAsync(FakeIdentityProvider idp, Uri url, Func<Uri, Uri>? tamper = null)
    {
        var redirect = idp.Authorize(url);
        Assert.NotNull(redirect);
        using var browser = Loopback.NewBrowser();
        return await Loopback.GetStatusAsync(browser, tamper?.Invoke(redirect) ?? redirect, Ct);
    }

    [Fact]
    public async Task LoginOAuth_StrictProvider_SignsIn_StoresOAuth_AndRefreshesAtItsTokenEndpoint()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero));
        var (module, idp, home) = Compose(clock);
        using var owned = module;
        using var ownedIdp = idp;
        using var ownedHome = home;

        var login = await module.LoginOAuthAsync(async url => Assert.Equal(HttpStatusCode.OK, await BrowseAsync(idp, url)), Ct);
        clock.Advance(TimeSpan.FromMinutes(58));
        var status = await module.StatusAsync(Ct);
        var refreshed = await module.RefreshAsync(Ct);

        Assert.True(login.Ok, login.ToJson());
        Assert.Equal("oauth", login["source"]);
        Assert.True(status.Ok, status.ToJson());
        Assert.Equal("oauth", status["active_sign_in_method"]);
        Assert.True(refreshed.Ok, refreshed.ToJson());
        Assert.Equal(1, idp.Grants["authorization_code"]);

        // The early refresh inside status, then the forced one: each spent the rotated refresh token of the one before.
        Assert.Equal(2, idp.Grants["refresh_token"]);
    }

    [Fact]
    public async Task LoginOAuth_StrictProvider_RedirectWithoutIss_IsRefused()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero));
        var (module, idp, home) = Compose(clock);
        using var owned = module;
        using var ownedIdp = idp;
        using var ownedHome = home;

        // The provider advertised RFC 9207: a response that does not name it may come from another server (mix-up).
        var login = await module.LoginOAuthAsync(url => BrowseAsync(idp, url, redirect => new Uri(redirect.AbsoluteUri[..redirect.AbsoluteUri.IndexOf("&iss=", StringComparison.Ordinal)])), Ct);

        Assert.False(login.Ok);
        Assert.Equal("oauth_error", login.Error);
        Assert.False(idp.Grants.ContainsKey("authorization_code"));
    }
}
