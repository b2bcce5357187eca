using System.Net;
using XaiGrok.Emulator;
using XaiGrok.Onboarding.Tests.Support;
using Xunit;

namespace XaiGrok.Onboarding.Tests.Integration;

/// <summary>Enterprise OIDC through the public surface: login, the stored <c>oidc</c> session, its silent refresh.</summary>
public sealed class OidcSessionTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task LoginOidc_StoresAnOidcSession_ThatRefreshesWithoutTheBrowser(bool idpWithoutRfc9207)
    {
        // With RFC 9207 the IdP names itself in the redirect (iss) and the module checks it; an older IdP does not.
        await using var rig = await Rig.StartAsync(new EmulatorOptions { OmitAuthorizationResponseIss = idpWithoutRfc9207 }, configure: options => options with
        {
            // The emulator plays the company IdP; the xAI issuer is deliberately elsewhere.
            OidcIssuer = options.Issuer,
            OidcClientId = "acme-cli",
            Issuer = new Uri("http://127.0.0.1:9"),
        });
        rig.Emulator.Control.AutoApproveAuthorization(tier: 4);
        var module = rig.NewModule();
        using var browser = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseProxy = false });

        var login = await module.LoginOidcAsync(url => FollowAsync(browser, url), Ct);
        var status = await module.StatusAsync(Ct);
        rig.Emulator.Control.ResetCounters();
        var refreshed = await module.RefreshAsync(Ct);
        var models = await module.ModelsAsync(force: true, Ct);

        Assert.True(login.Ok, login.ToJson());
        Assert.Equal("oidc", login["source"]);
        Assert.Equal("oidc", status["source"]);
        Assert.Equal("X Premium+", status["subscription"]);
        Assert.True(refreshed.Ok, refreshed.ToJson());
        Assert.Equal(1, rig.Emulator.Control.Count("grant:refresh_token"));
        Assert.Equal(0, rig.Emulator.Control.Count("grant:authorization_code"));
        Assert.True(models.Ok, models.ToJson());
        SecretScan.AssertAbsent(login.ToJson() + status.ToJson() + refreshed.ToJson(), rig.SecretsOnDisk());
    }

    [Fact]
    public async Task LoginOidc_NotConfigured_SaysWhichVariablesToSet()
    {
        await using var rig = await Rig.StartAsync();

        var login = await rig.NewModule().LoginOidcAsync(_ => Task.CompletedTask, Ct);

        Assert.Equal("client_not_configured", login.Error);
        Assert.Contains("GROK_OIDC_ISSUER", (string)login["hint"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoginOidc_CancelledWhileTheIdpHoldsTheTokens_StoresThemAnyway()
    {
        await using var rig = await Rig.StartAsync(configure: options => options with
        {
            OidcIssuer = options.Issuer,
            OidcClientId = "acme-cli",
            Issuer = new Uri("http://127.0.0.1:9"),
        });
        rig.Emulator.Control.AutoApproveAuthorization(tier: 4);
        var hold = new EmulatorHold();
        rig.Emulator.Control.AddFault(new EmulatorFault("/oauth2/token") { Hold = hold });
        using var browser = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseProxy = false });
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Ct);

        // The code is redeemed (once, for good) and the answer held: the person gives up now.
        var login = rig.NewModule().LoginOidcAsync(url => FollowAsync(browser, url), cancel.Token);
        await hold.Reached.WaitAsync(Ct);
        cancel.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => login);
        hold.Release();

        var authFile = Path.Combine(rig.Home, "auth.json");
        await Eventually.WaitUntilAsync(() => File.Exists(authFile), "storing the tokens the IdP issued for the redeemed code");

        var status = await rig.NewModule().StatusAsync(Ct);
        Assert.Equal("oidc", status["source"]);
        Assert.Equal(1, rig.Emulator.Control.Count("grant:authorization_code"));
    }

    private static async Task FollowAsync(HttpClient browser, Uri authorizationUrl)
    {
        using var redirect = await browser.GetAsync(authorizationUrl, Ct);
        Assert.Equal(HttpStatusCode.Redirect, redirect.StatusCode);
        using var page = await browser.GetAsync(redirect.Headers.Location!, Ct);
    }
}
