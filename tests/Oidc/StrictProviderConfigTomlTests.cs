using System.Net;
using Microsoft.Extensions.Time.Testing;
using XaiGrok.Onboarding.Config;
using XaiGrok.Onboarding.Runtime;
using XaiGrok.Onboarding.Tests.Support;
using Xunit;

namespace XaiGrok.Onboarding.Tests.Oidc;

/// <summary>
/// Enterprise OIDC configured only in <c>config.toml</c> (<c>[grok_com_config.oidc]</c>), with a strictly RFC-following
/// OpenID Provider (<see cref="FakeIdentityProvider"/> in strict mode): the options read from the file reach the login,
/// which signs in with PKCE S256, the exact redirect_uri and RFC 9207's <c>iss</c>, and the session refreshes there.
/// </summary>
public sealed class StrictProviderConfigTomlTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task LoginOidc_ConfiguredInConfigToml_SignsInAtTheStrictProvider_AndRefreshesThere()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero));
        using var idp = new FakeIdentityProvider(clock) { Strict = true };
        using var home = new TestHome();
        var config = Path.Combine(home.Path, "company.toml");
        Directory.CreateDirectory(home.Path);
        File.WriteAllText(config, $"""
            [grok_com_config.oidc]
            issuer = "{FakeIdentityProvider.Issuer}"
            client_id = "{FakeIdentityProvider.ClientId}"
            scopes = ["openid", "profile", "email", "offline_access"]
            """);
        var environment = new Dictionary<string, string>
        {
            ["XAI_GROK_HOME"] = home.Path,
            ["XAI_GROK_CONFIG"] = config,
            ["XAI_API_BASE_URL"] = "http://127.0.0.1:9/v1",
        };
        var options = EnvironmentOptionsReader.Read(name => environment.GetValueOrDefault(name));
        Assert.Empty(options.InvalidSettings);
        using var module = new GrokOnboarding(new OnboardingRuntime(options, clock, handler: idp, environment: name => environment.GetValueOrDefault(name)));

        var login = await module.LoginOidcAsync(
            async url =>
            {
                var redirect = idp.Authorize(url);
                Assert.NotNull(redirect);
                using var browser = Loopback.NewBrowser();
                Assert.Equal(HttpStatusCode.OK, await Loopback.GetStatusAsync(browser, redirect, Ct));
            },
            Ct);
        clock.Advance(TimeSpan.FromMinutes(58));
        var refreshed = await module.RefreshAsync(Ct);
        var status = await module.StatusAsync(Ct);

        Assert.True(login.Ok, login.ToJson());
        Assert.Equal("oidc", login["source"]);
        Assert.True(refreshed.Ok, refreshed.ToJson());
        Assert.Equal(1, idp.Grants["authorization_code"]);
        Assert.Equal(1, idp.Grants["refresh_token"]);
        Assert.Equal("oidc", status["sign_in_method"]);
        Assert.Equal("oidc", status["active_sign_in_method"]);
    }
}
