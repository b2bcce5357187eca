using System.Net;
using XaiGrok.Emulator;
using XaiGrok.Onboarding.Errors;
using XaiGrok.Onboarding.Oidc;
using XaiGrok.Onboarding.Tests.Support;
using Xunit;

namespace XaiGrok.Onboarding.Tests.Oidc;

/// <summary>The whole sign-in against the emulator acting as the company's identity provider, over loopback HTTP.</summary>
public sealed class OidcLoginEmulatorTests
{
    private const string ClientId = "acme-cli-client";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<(XaiEmulator Emulator, OidcHarness Harness)> StartAsync()
    {
        var clock = new WatchedFakeTimeProvider(new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero));
        var emulator = await XaiEmulator.StartAsync(new EmulatorOptions { TimeProvider = clock, ExpectedClientId = ClientId }, Ct);
        return (emulator, new OidcHarness(clock));
    }

    private static OidcLoginRequest Request(XaiEmulator emulator) => new(new Uri(emulator.Issuer), ClientId);

    /// <summary>A browser: GETs the authorization URL, then follows its one redirect to the loopback listener.</summary>
    private static async Task<Uri> FollowAsync(HttpClient browser, Uri authorizationUrl, Func<Uri, Uri>? tamper = null)
    {
        using var redirect = await browser.GetAsync(authorizationUrl, Ct);
        Assert.Equal(HttpStatusCode.Redirect, redirect.StatusCode);
        var location = redirect.Headers.Location!;
        Assert.Equal("127.0.0.1", location.Host);
        using var page = await browser.GetAsync(tamper?.Invoke(location) ?? location, Ct);
        return location;
    }

    [Fact]
    public async Task Login_Approved_ReturnsValidatedTokensAndWhoSignedIn()
    {
        var (emulator, harness) = await StartAsync();
        await using var running = emulator;
        using var composed = harness;
        using var browser = Loopback.NewBrowser();
        emulator.Control.AutoApproveAuthorization(tier: 5);
        Uri? sent = null;

        var outcome = await harness.NewService().LoginAsync(Request(emulator), async url => { sent = url; await FollowAsync(browser, url); }, Ct);

        Assert.True(outcome.IsSuccess, outcome.Failure?.Detail);
        Assert.Equal("user-1", outcome.Value.Subject);
        Assert.Equal("user-1@users.emulator.invalid", outcome.Value.Email);
        Assert.NotNull(outcome.Value.Tokens.RefreshToken);
        Assert.NotNull(outcome.Value.Tokens.IdToken);
        Assert.DoesNotContain(outcome.Value.Tokens.AccessToken, outcome.Value.ToString(), StringComparison.Ordinal);
        Assert.Equal("code", Loopback.Query(sent!, "response_type"));
        Assert.Equal("S256", Loopback.Query(sent!, "code_challenge_method"));
        Assert.Equal("openid profile email offline_access api:access", Loopback.Query(sent!, "scope"));
        Assert.StartsWith("http://127.0.0.1:", Loopback.Query(sent!, "redirect_uri"), StringComparison.Ordinal);
        Assert.Equal(43, Loopback.Query(sent!, "nonce").Length);
        Assert.Equal(1, emulator.Control.Count("grant:authorization_code"));
    }

    [Fact]
    public async Task Login_NotApproved_IsAccessDeniedFromTheIdentityProvider()
    {
        var (emulator, harness) = await StartAsync();
        await using var running = emulator;
        using var composed = harness;
        using var browser = Loopback.NewBrowser();

        var outcome = await harness.NewService().LoginAsync(Request(emulator), url => FollowAsync(browser, url), Ct);

        Assert.False(outcome.IsSuccess);
        Assert.Equal(ErrorCodes.OAuthError, outcome.Failure.Code);
        Assert.Equal("access_denied", outcome.Failure.ServerError);
        Assert.Equal(0, emulator.Control.Count("grant:authorization_code"));
    }

    [Fact]
    public async Task Login_ForgedRedirectFirst_IsIgnoredAndTheRealOneSignsIn()
    {
        var (emulator, harness) = await StartAsync();
        await using var running = emulator;
        using var composed = harness;
        using var browser = Loopback.NewBrowser();
        emulator.Control.AutoApproveAuthorization(tier: 5);

        var outcome = await harness.NewService().LoginAsync(Request(emulator), async url =>
        {
            using var redirect = await browser.GetAsync(url, Ct);
            var location = redirect.Headers.Location!;
            Assert.Equal(HttpStatusCode.BadRequest, await Loopback.GetStatusAsync(browser, Loopback.WithQuery(location, "state", "forged-state"), Ct));
            Assert.Equal(HttpStatusCode.OK, await Loopback.GetStatusAsync(browser, location, Ct));
        }, Ct);

        Assert.True(outcome.IsSuccess, outcome.Failure?.Detail);
    }

    [Fact]
    public async Task Login_Finished_ReplayingTheRedirectFindsNoListener()
    {
        var (emulator, harness) = await StartAsync();
        await using var running = emulator;
        using var composed = harness;
        using var browser = Loopback.NewBrowser();
        emulator.Control.AutoApproveAuthorization(tier: 5);
        Uri? redirect = null;

        var outcome = await harness.NewService().LoginAsync(Request(emulator), async url => redirect = await FollowAsync(browser, url), Ct);

        Assert.True(outcome.IsSuccess, outcome.Failure?.Detail);
        using var replay = Loopback.NewBrowser();
        await Assert.ThrowsAsync<HttpRequestException>(() => replay.GetAsync(redirect!, Ct));
    }

    [Fact]
    public async Task Login_WithoutOpenIdScope_NeedsNoIdToken()
    {
        var (emulator, harness) = await StartAsync();
        await using var running = emulator;
        using var composed = harness;
        using var browser = Loopback.NewBrowser();
        emulator.Control.AutoApproveAuthorization(tier: 5);

        var outcome = await harness.NewService().LoginAsync(Request(emulator) with { Scopes = ["offline_access", "api:access"] }, url => FollowAsync(browser, url), Ct);

        Assert.True(outcome.IsSuccess, outcome.Failure?.Detail);
        Assert.Null(outcome.Value.Subject);
    }

    [Fact]
    public async Task Login_Cancelled_WhileWaitingForTheBrowser_Throws()
    {
        var (emulator, harness) = await StartAsync();
        await using var running = emulator;
        using var composed = harness;
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Ct);

        var login = harness.NewService().LoginAsync(Request(emulator), _ => cancel.CancelAsync(), cancel.Token);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => login);
    }

    [Fact]
    public async Task Login_BrowserCannotOpen_IsAFailureValue()
    {
        var (emulator, harness) = await StartAsync();
        await using var running = emulator;
        using var composed = harness;

        var outcome = await harness.NewService().LoginAsync(Request(emulator), _ => throw new InvalidOperationException("no display"), Ct);

        Assert.Equal(ErrorCodes.InternalError, outcome.Failure!.Code);
    }

    [Fact]
    public async Task Login_UnknownClient_IsRefusedWithoutRedirect()
    {
        var (emulator, harness) = await StartAsync();
        await using var running = emulator;
        using var composed = harness;
        using var browser = Loopback.NewBrowser();
        emulator.Control.AutoApproveAuthorization(tier: 5);
        var timedOut = false;

        var outcome = await harness.NewService().LoginAsync(Request(emulator) with { ClientId = "someone-else" }, async url =>
        {
            Assert.Equal(HttpStatusCode.BadRequest, await Loopback.GetStatusAsync(browser, url, Ct));
            timedOut = true;
            _ = AdvanceWhenWaitingAsync((WatchedFakeTimeProvider)harness.Clock, TimeSpan.FromMinutes(5));
        }, Ct);

        Assert.True(timedOut);
        Assert.Equal(ErrorCodes.Expired, outcome.Failure!.Code);
    }

    // The person never comes back: once the listener's timer is the one waiting, five minutes pass on the fake clock.
    private static async Task AdvanceWhenWaitingAsync(WatchedFakeTimeProvider clock, TimeSpan by)
    {
        while (clock.NextTimerIn != by)
        {
            await Task.Delay(5, Ct);
        }

        clock.Advance(by);
    }
}
