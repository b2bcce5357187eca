using XaiGrok.Emulator;
using XaiGrok.Onboarding.Credentials;
using XaiGrok.Onboarding.Runtime;
using XaiGrok.Onboarding.Storage;
using XaiGrok.Onboarding.Tests.Integration;
using XaiGrok.Onboarding.Tests.Support;
using Xunit;

namespace XaiGrok.Onboarding.Tests.Runtime;

/// <summary>
/// What the runtime builds up front and what only on first use, and its dispose: a refresh already sent is stored
/// before the HTTP client goes away.
/// </summary>
public sealed class OnboardingRuntimeTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Services_AreBuiltOnFirstUse_AndTheHttpStackOnlyForARequest()
    {
        await using var rig = await Rig.StartAsync();
        using var runtime = rig.NewRuntime();
        runtime.EnsureHome();

        // Every service, touched once: none of them sends anything or builds the client by being built.
        object[] services = [runtime.SignIn, runtime.Logout, runtime.ModelChoice, runtime.Chat, runtime.Oidc, runtime.Images, runtime.Videos];
        var status = await runtime.Status.GetAsync(Ct);

        Assert.False(runtime.HttpStackBuilt);
        Assert.Null(status.Usable);
        Assert.Equal(services, new object[] { runtime.SignIn, runtime.Logout, runtime.ModelChoice, runtime.Chat, runtime.Oidc, runtime.Images, runtime.Videos });
        Assert.DoesNotContain(rig.Emulator.Control.Counters, counter => counter.Value > 0);

        Assert.True((await runtime.SignIn.StartAsync(Ct)).IsSuccess);
        Assert.True(runtime.HttpStackBuilt);
    }

    [Fact]
    public void ConfiguredApiKey_IsASecretFromTheStart()
    {
        using var home = new TestHome();
        using var runtime = new OnboardingRuntime(new OnboardingOptions { Home = home.Path, ApiKey = "xai-canary-configured-key" }, TimeProvider.System, environment: _ => null, loggerFactory: new CapturedLog());

        Assert.DoesNotContain("xai-canary-configured-key", runtime.Secrets.Redact("the key is xai-canary-configured-key."), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dispose_WaitsForARefreshInFlight_SoItsAnswerIsStored()
    {
        await using var rig = await Rig.StartAsync();
        await rig.ConnectAsync(rig.NewModule());
        var runtime = rig.NewRuntime();
        var before = runtime.Session.Store.Read().Credential!;
        var hold = new EmulatorHold();
        rig.Emulator.Control.AddFault(new EmulatorFault("/oauth2/token") { Hold = hold });
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Ct);

        // The caller gives up once the server has rotated the refresh token and holds the answer.
        var refreshing = runtime.Session.RefreshAsync(before, force: true, cancel.Token);
        await hold.Reached.WaitAsync(Ct);
        cancel.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => refreshing);

        // Dispose on a thread of its own; the answer is let go only once that thread waits (or has already ended).
        var disposer = new Thread(runtime.Dispose);
        disposer.Start();
        await Eventually.WaitUntilAsync(() => (disposer.ThreadState & (ThreadState.WaitSleepJoin | ThreadState.Stopped)) != 0, "dispose waiting or ended");
        hold.Release();
        Assert.True(disposer.Join(TimeSpan.FromSeconds(60)), "dispose did not end");

        var stored = new CredentialStore(new StatePaths(rig.Home), rig.Clock, TimeSpan.FromSeconds(5)).Read().Credential!;
        Assert.NotEqual(before.AccessToken, stored.AccessToken);
        Assert.Equal(1, rig.Emulator.Control.Count("grant:refresh_token"));
        Assert.Equal(0, rig.Emulator.Control.RefreshTokenReuseCount);
    }
}
