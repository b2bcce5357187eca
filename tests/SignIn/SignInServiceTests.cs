using XaiGrok.Onboarding.DeviceGrant;
using XaiGrok.Onboarding.Errors;
using XaiGrok.Onboarding.Runtime;
using XaiGrok.Onboarding.Storage;
using XaiGrok.Onboarding.Tests.Integration;
using Xunit;

namespace XaiGrok.Onboarding.Tests.SignIn;

/// <summary>
/// The device sign-in service on its own (composed as the runtime composes it), against the emulator on the rig's
/// fake clock: what it saves, when it asks the token endpoint and when it does not, and what cancelling leaves.
/// </summary>
public sealed class SignInServiceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Start_WithoutClientId_IsRefusedWithoutARequest()
    {
        await using var rig = await Rig.StartAsync(configure: options => options with { ClientId = null });
        using var runtime = Runtime(rig);

        var started = await runtime.SignIn.StartAsync(Ct);

        Assert.Equal(ErrorCodes.ClientNotConfigured, started.Failure!.Code);
        Assert.Equal(0, rig.Emulator.Control.Count("/oauth2/device/code"));
        Assert.False(runtime.HttpStackBuilt);
    }

    [Fact]
    public async Task Start_SavesTheFlow_AndDropsFlowsThatExpired()
    {
        await using var rig = await Rig.StartAsync();
        using var runtime = Runtime(rig);
        var first = (await runtime.SignIn.StartAsync(Ct)).Value!;
        rig.Clock.Advance(first.ExpiresAt - rig.Clock.GetUtcNow());

        var second = (await runtime.SignIn.StartAsync(Ct)).Value!;

        var saved = Assert.Single(Flows(rig).All());
        Assert.Equal(second.PendingId, saved.PendingId);
        Assert.Equal(rig.Clock.GetUtcNow() + second.Interval, second.NextPollAt);
    }

    [Fact]
    public async Task Poll_BeforeTheInterval_AsksNothing_AndSaysWhenToPoll()
    {
        await using var rig = await Rig.StartAsync();
        using var runtime = Runtime(rig);
        var flow = (await runtime.SignIn.StartAsync(Ct)).Value!;
        rig.Clock.Advance(TimeSpan.FromSeconds(2));

        var polled = await runtime.SignIn.PollAsync(flow.PendingId, Ct);

        Assert.False(polled.Value!.Connected);
        Assert.Equal(flow.IntervalSeconds - 2, polled.Value.RetryAfterSeconds);
        Assert.Equal(0, rig.Emulator.Control.Count("grant:device_code"));
    }

    [Fact]
    public async Task Poll_UnknownPendingId_IsNoPendingFlow_AndPointsToStart()
    {
        await using var rig = await Rig.StartAsync();
        using var runtime = Runtime(rig);

        var polled = await runtime.SignIn.PollAsync("p-0123456789abcdef", Ct);

        Assert.Equal(ErrorCodes.NoPendingFlow, polled.Failure!.Code);
        Assert.Contains("p-0123456789abcdef", polled.Failure.Detail, StringComparison.Ordinal);
        Assert.StartsWith("Run start first", polled.Failure.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Poll_AfterAnotherPollConnected_SaysConnectedAgain_WithoutAskingTheTokenEndpoint()
    {
        await using var rig = await Rig.StartAsync();
        using var runtime = Runtime(rig);
        var flow = (await runtime.SignIn.StartAsync(Ct)).Value!;
        rig.Emulator.Control.Approve(flow.UserCode, 5);
        rig.Clock.Advance(flow.Interval);
        Assert.True((await runtime.SignIn.PollAsync(flow.PendingId, Ct)).Value!.Connected);

        var again = await runtime.SignIn.PollAsync(flow.PendingId, Ct);

        Assert.True(again.Value!.Connected);
        Assert.Equal(1, rig.Emulator.Control.Count("grant:device_code"));
        Assert.Empty(Flows(rig).All());
    }

    [Fact]
    public async Task Cancel_RemovesThatFlowOnly()
    {
        await using var rig = await Rig.StartAsync();
        using var runtime = Runtime(rig);
        var cancelled = (await runtime.SignIn.StartAsync(Ct)).Value!;
        var kept = (await runtime.SignIn.StartAsync(Ct)).Value!;

        await runtime.SignIn.CancelAsync(cancelled.PendingId, Ct);

        Assert.Null(Flows(rig).Load(cancelled.PendingId));
        Assert.NotNull(Flows(rig).Load(kept.PendingId));
        Assert.Equal(ErrorCodes.NoPendingFlow, (await runtime.SignIn.PollAsync(cancelled.PendingId, Ct)).Failure!.Code);
    }

    [Fact]
    public async Task PollUntilComplete_NextPollBeyondTheTimeout_ReturnsThePendingAnswerWithoutWaiting()
    {
        await using var rig = await Rig.StartAsync();
        using var runtime = Runtime(rig);
        var flow = (await runtime.SignIn.StartAsync(Ct)).Value!;

        // Nothing moves the fake clock here: a wait on it would never end (the real-time bound only reports that).
        var polled = await runtime.SignIn.PollUntilCompleteAsync(flow.PendingId, flow.Interval - TimeSpan.FromSeconds(1), null, Ct).WaitAsync(TimeSpan.FromSeconds(60), Ct);

        Assert.False(polled.Value!.Connected);
        Assert.Equal(flow.IntervalSeconds, polled.Value.RetryAfterSeconds);
    }

    private static OnboardingRuntime Runtime(Rig rig)
    {
        var runtime = rig.NewRuntime();
        runtime.EnsureHome();
        return runtime;
    }

    private static PendingFlowStore Flows(Rig rig) => new(new StatePaths(rig.Home));
}
