using System.Net;
using System.Net.Sockets;
using XaiGrok.Emulator;
using XaiGrok.Onboarding.Tests.Oidc;
using XaiGrok.Onboarding.Tests.Support;
using Xunit;

namespace XaiGrok.Onboarding.Tests.Integration;

/// <summary>
/// xAI's own browser sign-in (<c>LoginOAuthAsync</c>) against the emulator as the xAI issuer, on a fake clock: the
/// authorization request, the stored <c>oauth</c> session and its refresh at the same token endpoint, the fixed port,
/// and failures that name the <c>XAI_OAUTH_*</c> variables.
/// </summary>
public sealed class OAuthBrowserLoginTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A browser: GETs the authorization URL, then follows its one redirect to the loopback listener.</summary>
    private static async Task FollowAsync(HttpClient browser, Uri url)
    {
        using var redirect = await browser.GetAsync(url, Ct);
        Assert.Equal(HttpStatusCode.Redirect, redirect.StatusCode);
        using var page = await browser.GetAsync(redirect.Headers.Location!, Ct);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task LoginOAuth_StoresAnOAuthSession_ThatRefreshesAtTheSameTokenEndpoint(bool issuerWithoutRfc9207)
    {
        await using var rig = await Rig.StartAsync(new EmulatorOptions { OmitAuthorizationResponseIss = issuerWithoutRfc9207 });
        rig.Emulator.Control.AutoApproveAuthorization(tier: 4);
        var module = rig.NewModule();
        using var browser = Loopback.NewBrowser();
        Uri? sent = null;

        var login = await module.LoginOAuthAsync(async url => { sent = url; await FollowAsync(browser, url); }, Ct);
        var status = await module.StatusAsync(Ct);
        rig.Emulator.Control.ResetCounters();
        var refreshed = await module.RefreshAsync(Ct);

        Assert.True(login.Ok, login.ToJson());
        Assert.Equal("oauth", login["source"]);
        Assert.Equal("X Premium+", login["subscription"]);
        Assert.StartsWith(rig.Emulator.Issuer.TrimEnd('/') + "/", sent!.AbsoluteUri, StringComparison.Ordinal);
        Assert.Equal("test-client", Loopback.Query(sent, "client_id"));
        Assert.Equal("code", Loopback.Query(sent, "response_type"));
        Assert.Equal("S256", Loopback.Query(sent, "code_challenge_method"));
        Assert.Equal(43, Loopback.Query(sent, "state").Length);
        Assert.Equal(43, Loopback.Query(sent, "nonce").Length);
        Assert.Matches(@"^http://127\.0\.0\.1:\d+/callback$", Loopback.Query(sent, "redirect_uri"));
        Assert.Equal("oauth", status["source"]);
        Assert.Equal("oauth", status["active_sign_in_method"]);
        Assert.Equal("oauth", status["sign_in_method"]);
        Assert.True(refreshed.Ok, refreshed.ToJson());
        Assert.Equal(1, rig.Emulator.Control.Count("grant:refresh_token"));
        SecretScan.AssertAbsent(login.ToJson() + status.ToJson() + refreshed.ToJson(), rig.SecretsOnDisk());
    }

    [Fact]
    public async Task LoginOAuth_FixedRedirectPort_TheListenerBindsThatPort()
    {
        var port = FreePort();
        await using var rig = await Rig.StartAsync(configure: options => options with { OAuthRedirectPort = port });
        rig.Emulator.Control.AutoApproveAuthorization(tier: 1);
        using var browser = Loopback.NewBrowser();
        Uri? sent = null;
        var boundWhileWaiting = false;

        var login = await rig.NewModule().LoginOAuthAsync(async url =>
        {
            sent = url;
            boundWhileWaiting = IsListening(port);
            await FollowAsync(browser, url);
        }, Ct);

        Assert.True(login.Ok, login.ToJson());
        Assert.Equal($"http://127.0.0.1:{port}/callback", Loopback.Query(sent!, "redirect_uri"));
        Assert.True(boundWhileWaiting);
        Assert.False(IsListening(port));
    }

    [Fact]
    public async Task LoginOAuth_FixedRedirectPortTaken_IsANetworkErrorNamingTheVariable_AndOpensNothing()
    {
        using var holder = new TcpListener(IPAddress.Loopback, 0);
        holder.Start();
        var port = ((IPEndPoint)holder.LocalEndpoint).Port;
        await using var rig = await Rig.StartAsync(configure: options => options with { OAuthRedirectPort = port });
        var opened = false;

        var login = await rig.NewModule().LoginOAuthAsync(_ => { opened = true; return Task.CompletedTask; }, Ct);

        Assert.Equal("network_error", login.Error);
        Assert.Contains(port.ToString(System.Globalization.CultureInfo.InvariantCulture), (string)login["detail"]!, StringComparison.Ordinal);
        Assert.Contains("XAI_OAUTH_REDIRECT_PORT", (string)login["hint"]!, StringComparison.Ordinal);
        Assert.False(opened);
    }

    [Fact]
    public async Task LoginOAuth_NoClientId_IsClientNotConfigured()
    {
        await using var rig = await Rig.StartAsync(configure: options => options with { ClientId = null });

        var login = await rig.NewModule().LoginOAuthAsync(_ => Task.CompletedTask, Ct);

        Assert.Equal("client_not_configured", login.Error);
        Assert.Contains("XAI_OAUTH_CLIENT_ID", (string)login["hint"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoginOAuth_DiscoveryWithoutAnAuthorizationEndpoint_HintNamesTheXaiIssuerVariable()
    {
        await using var rig = await Rig.StartAsync();
        rig.Emulator.Control.AddFault(new EmulatorFault("/.well-known/openid-configuration", Count: 10)
        {
            Status = 200,
            ContentType = "application/json",
            Body = $$"""{"issuer":"{{rig.Emulator.Issuer.TrimEnd('/')}}","token_endpoint":"{{rig.Emulator.Issuer.TrimEnd('/')}}/oauth2/token","jwks_uri":"{{rig.Emulator.Issuer.TrimEnd('/')}}/.well-known/jwks.json"}""",
        });

        var login = await rig.NewModule().LoginOAuthAsync(_ => Task.CompletedTask, Ct);

        Assert.Equal("invalid_response", login.Error);
        Assert.Contains("authorization_endpoint", (string)login["detail"]!, StringComparison.Ordinal);
        Assert.Contains("XAI_OAUTH_ISSUER", (string)login["hint"]!, StringComparison.Ordinal);
        Assert.DoesNotContain("GROK_OIDC", (string)login["hint"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoginOAuth_CancelledWhileWaitingForTheBrowser_ThrowsAndStoresNothing()
    {
        await using var rig = await Rig.StartAsync();
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Ct);

        var login = rig.NewModule().LoginOAuthAsync(_ => cancel.CancelAsync(), cancel.Token);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => login);
        Assert.False(File.Exists(Path.Combine(rig.Home, "auth.json")));
        Assert.Equal(0, rig.Emulator.Control.Count("grant:authorization_code"));
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private static bool IsListening(int port)
    {
        using var client = new TcpClient();
        try
        {
            client.Connect(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
