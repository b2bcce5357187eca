using XaiGrok.Emulator;
using XaiGrok.Onboarding.Storage;
using XaiGrok.Onboarding.Tests.Support;
using Xunit;

namespace XaiGrok.Onboarding.Tests.Integration;

/// <summary>
/// A caller that gives up (a host's aborted request, Ctrl-C) at each point of a refresh: before the request is sent
/// nothing is sent; once it is sent, the answer is stored anyway and the caller still gets its cancellation. The
/// emulator holds the answer (<see cref="EmulatorHold"/>) so the cancellation lands exactly at that point.
/// </summary>
public sealed class RefreshCancellationTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Refresh_CancelledBeforeTheCall_SendsNothing_AndTheSessionStays()
    {
        await using var rig = await Rig.StartAsync();
        var module = rig.NewModule();
        await rig.ConnectAsync(module);
        var before = File.ReadAllText(Path.Combine(rig.Home, "auth.json"));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => module.RefreshAsync(new CancellationToken(canceled: true)));

        Assert.Equal(0, rig.Emulator.Control.Count("grant:refresh_token"));
        Assert.Equal(before, File.ReadAllText(Path.Combine(rig.Home, "auth.json")));
        await AssertSessionIntactAsync(rig, expectedRefreshes: 1);
    }

    [Fact]
    public async Task Refresh_CancelledWhileWaitingForTheLock_SendsNothing_AndTheSessionStays()
    {
        await using var rig = await Rig.StartAsync();
        var module = rig.NewModule();
        await rig.ConnectAsync(module);
        using var sibling = rig.NewRuntime();
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        Task<SkillResult> refreshing;
        using (await sibling.Session.Store.LockAsync(Ct))
        {
            refreshing = module.RefreshAsync(cancel.Token);

            // The refresh now waits on the lock, on the rig's clock: cancelling is the only way out.
            cancel.Cancel();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => refreshing);
        }

        Assert.Equal(0, rig.Emulator.Control.Count("grant:refresh_token"));
        await AssertSessionIntactAsync(rig, expectedRefreshes: 1);
    }

    [Fact]
    public async Task Refresh_CancelledWhileTheServerHoldsTheRotatedAnswer_StoresItAnyway_AndTheCallerSeesTheCancellation()
    {
        await using var rig = await Rig.StartAsync();
        var module = rig.NewModule();
        await rig.ConnectAsync(module);
        var hold = new EmulatorHold();
        rig.Emulator.Control.AddFault(new EmulatorFault("/oauth2/token") { Hold = hold });
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Ct);

        var refreshing = module.RefreshAsync(cancel.Token);
        await hold.Reached.WaitAsync(Ct);
        cancel.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => refreshing);
        await AssertSecondCallerAdoptsAsync(rig, module, hold);
    }

    [Fact]
    public async Task Refresh_CancelledAfterTheAnswersHeadersArrived_StoresItAnyway_AndTheCallerSeesTheCancellation()
    {
        await using var rig = await Rig.StartAsync();
        var module = rig.NewModule();
        await rig.ConnectAsync(module);
        var hold = new EmulatorHold(sendHeadersFirst: true);
        rig.Emulator.Control.AddFault(new EmulatorFault("/oauth2/token") { Hold = hold });
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Ct);

        var refreshing = module.RefreshAsync(cancel.Token);
        await hold.Reached.WaitAsync(Ct);
        await WaitForLineAsync(rig, "/oauth2/token -> 200");
        cancel.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => refreshing);
        await AssertSecondCallerAdoptsAsync(rig, module, hold);
    }

    [Fact]
    public async Task UseDueRefresh_CancelledInFlight_StoresTheAnswer_ForTheNextCall()
    {
        await using var rig = await Rig.StartAsync();
        var module = rig.NewModule();
        await rig.ConnectAsync(module);
        rig.Clock.Advance(TimeSpan.FromSeconds(21600 + 1));
        var hold = new EmulatorHold();
        rig.Emulator.Control.AddFault(new EmulatorFault("/oauth2/token") { Hold = hold });
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Ct);

        // The refresh a call makes on its own, as a host's request does when the token is due.
        var status = module.StatusAsync(cancel.Token);
        await hold.Reached.WaitAsync(Ct);
        cancel.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => status);

        var next = module.StatusAsync(Ct);
        hold.Release();
        var result = await next;

        Assert.Equal(true, result["connected"]);
        Assert.Equal(1, rig.Emulator.Control.Count("grant:refresh_token"));
        Assert.Equal(0, rig.Emulator.Control.RefreshTokenReuseCount);
    }

    [Fact]
    public async Task Poll_CancelledWhileTheServerHoldsTheTokens_StoresThemAnyway()
    {
        await using var rig = await Rig.StartAsync();
        var module = rig.NewModule();
        var started = await module.StartAsync(Ct);
        rig.Emulator.Control.Approve((string)started["user_code"]!, 5);
        rig.Clock.Advance(TimeSpan.FromSeconds((int)started["interval_seconds"]!));
        var hold = new EmulatorHold();
        rig.Emulator.Control.AddFault(new EmulatorFault("/oauth2/token") { Hold = hold });
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Ct);

        var polling = module.PollAsync(cancellationToken: cancel.Token);
        await hold.Reached.WaitAsync(Ct);
        cancel.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => polling);
        hold.Release();

        // The poll keeps the sign-in lock until its tokens are stored: taking it means they are.
        using (await CrossProcessLock.AcquireAsync(Path.Combine(rig.Home, "pending.lock"), TimeSpan.FromSeconds(30), TimeProvider.System, Ct))
        {
        }

        var status = await rig.NewModule().StatusAsync(Ct);
        Assert.Equal(true, status["connected"]);
        Assert.Equal(1, rig.Emulator.Control.Count("grant:device_code"));
    }

    /// <summary>
    /// A second refresh, started while the first's answer is still held, waits for it to be stored and adopts it: one
    /// request, no refresh token presented twice.
    /// </summary>
    private static async Task AssertSecondCallerAdoptsAsync(Rig rig, GrokOnboarding module, EmulatorHold hold)
    {
        var second = module.RefreshAsync(Ct);
        hold.Release();
        var adopted = await second;

        Assert.True(adopted.Ok, adopted.ToJson());
        Assert.Equal(1, rig.Emulator.Control.Count("grant:refresh_token"));
        Assert.Equal(0, rig.Emulator.Control.RefreshTokenReuseCount);
        await AssertSessionIntactAsync(rig, expectedRefreshes: 2);
    }

    /// <summary>Another process refreshes the stored session: the stored refresh token is the live one.</summary>
    private static async Task AssertSessionIntactAsync(Rig rig, int expectedRefreshes)
    {
        var refreshed = await rig.NewModule().RefreshAsync(Ct);

        Assert.True(refreshed.Ok, refreshed.ToJson());
        Assert.Equal(expectedRefreshes, rig.Emulator.Control.Count("grant:refresh_token"));
        Assert.Equal(0, rig.Emulator.Control.RefreshTokenReuseCount);
    }

    private static Task WaitForLineAsync(Rig rig, string text) =>
        Eventually.WaitUntilAsync(() => rig.Log.Lines.Any(line => line.Contains(text, StringComparison.Ordinal)), $"the log line '{text}'");
}
