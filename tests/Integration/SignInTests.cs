using XaiGrok.Emulator;
using XaiGrok.Onboarding.Tests.Support;
using Xunit;

namespace XaiGrok.Onboarding.Tests.Integration;

public sealed class SignInTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Poll_BeforeTheInterval_SendsNoTokenRequest()
    {
        await using var rig = await Rig.StartAsync();
        var module = rig.NewModule();
        var started = await module.StartAsync(Ct);

        var early = await module.PollAsync(cancellationToken: Ct);

        Assert.Equal("pending", early["status"]);
        Assert.Equal(5, early["retry_after_seconds"]);
        Assert.Equal(0, rig.Emulator.Control.Count("grant:device_code"));

        rig.Clock.Advance(TimeSpan.FromSeconds(5));
        var onTime = await module.PollAsync(cancellationToken: Ct);
        Assert.Equal("pending", onTime["status"]);
        Assert.Equal(1, rig.Emulator.Control.Count("grant:device_code"));
        Assert.Equal(started["pending_id"], onTime["pending_id"]);
    }

    [Fact]
    public async Task Poll_InAnotherInstance_FindsTheFlowOnDisk()
    {
        await using var rig = await Rig.StartAsync();
        var started = await rig.NewModule().StartAsync(Ct);
        rig.Emulator.Control.Approve((string)started["user_code"]!, tier: 4);
        rig.Clock.Advance(TimeSpan.FromSeconds(5));

        var polled = await rig.NewModule().PollAsync((string)started["pending_id"]!, Ct);

        Assert.Equal("connected", polled["status"]);
        Assert.Equal(4L, polled["tier"]);
        Assert.Equal("X Premium+", polled["subscription"]);
        Assert.Equal("xai-grok/grok-4.3", polled["default_model_id"]);
        Assert.Contains("refresh your browser page", (string)polled["message"]!, StringComparison.OrdinalIgnoreCase);
        SecretScan.AssertAbsent(polled.ToJson(), rig.SecretsOnDisk());
    }

    [Fact]
    public async Task Poll_AfterTheSignInCompleted_SaysConnectedAgain_UntilTheCompletionIsForgotten()
    {
        await using var rig = await Rig.StartAsync();
        var started = await rig.NewModule().StartAsync(Ct);
        var pendingId = (string)started["pending_id"]!;
        rig.Emulator.Control.Approve((string)started["user_code"]!, tier: 3);
        rig.Clock.Advance(TimeSpan.FromSeconds(5));
        var first = await rig.NewModule().PollAsync(pendingId, Ct);

        var byId = await rig.NewModule().PollAsync(pendingId, Ct);
        var newest = await rig.NewModule().PollAsync(cancellationToken: Ct);

        Assert.Equal("connected", first["status"]);
        foreach (var again in new[] { byId, newest })
        {
            Assert.True(again.Ok, again.ToJson());
            foreach (var field in new[] { "status", "source", "tier", "subscription", "default_model_id", "expires_at", "message" })
            {
                Assert.Equal(first[field], again[field]);
            }

            Assert.Equal(((object?[])first["models"]!).Length, ((object?[])again["models"]!).Length);
        }

        Assert.Equal(1, rig.Emulator.Control.Count("grant:device_code"));

        // Remembered until the flow would have expired (900 s here), and at least ten minutes; then forgotten.
        // The session is still there, so the answer does not send the agent to start.
        rig.Clock.Advance(TimeSpan.FromSeconds(900));
        var later = await rig.NewModule().PollAsync(pendingId, Ct);
        Assert.Equal("no_pending_flow", later.Error);
        Assert.Contains("already connected", (string)later["hint"]!, StringComparison.Ordinal);
        Assert.Equal(1, rig.Emulator.Control.Count("grant:device_code"));
    }

    [Fact]
    public async Task Poll_SlowDownThreeTimes_GrowsTheIntervalByFiveEachTime()
    {
        await using var rig = await Rig.StartAsync();
        var module = rig.NewModule();
        await module.StartAsync(Ct);
        rig.Emulator.Control.AddFault(new EmulatorFault("/oauth2/token", Count: 3) { Status = 400, Body = "{\"error\":\"slow_down\"}", ContentType = "application/json" });

        var waits = new List<int>();
        for (var i = 0; i < 3; i++)
        {
            rig.Clock.Advance(TimeSpan.FromSeconds(waits.LastOrDefault(5)));
            var polled = await module.PollAsync(cancellationToken: Ct);
            Assert.Equal("pending", polled["status"]);
            Assert.NotNull(polled["notice"]);
            waits.Add((int)polled["retry_after_seconds"]!);
        }

        Assert.Equal([10, 15, 20], waits);

        // The grown interval is kept on disk: a new instance does not poll before it.
        rig.Clock.Advance(TimeSpan.FromSeconds(19));
        var tooEarly = await rig.NewModule().PollAsync(cancellationToken: Ct);
        Assert.Equal(1, tooEarly["retry_after_seconds"]);
        Assert.Equal(3, rig.Emulator.Control.Count("grant:device_code"));
    }

    [Fact]
    public async Task Poll_ConnectionDropped_DoublesTheIntervalAndKeepsTheFlow()
    {
        await using var rig = await Rig.StartAsync();
        var module = rig.NewModule();
        await module.StartAsync(Ct);
        rig.Emulator.Control.AddFault(new EmulatorFault("/oauth2/token") { DropConnection = true });
        rig.Clock.Advance(TimeSpan.FromSeconds(5));

        var failed = await module.PollAsync(cancellationToken: Ct);

        Assert.False(failed.Ok);
        Assert.Equal("network_error", failed.Error);
        Assert.Equal(10, failed["retry_after_seconds"]);
        var status = await module.StatusAsync(Ct);
        Assert.True(status.ContainsKey("pending"));
    }

    [Fact]
    public async Task Poll_Denied_EndsTheFlowWithTheAccountGateHint()
    {
        await using var rig = await Rig.StartAsync();
        var module = rig.NewModule();
        var started = await module.StartAsync(Ct);
        rig.Emulator.Control.Deny((string)started["user_code"]!);
        rig.Clock.Advance(TimeSpan.FromSeconds(5));

        var denied = await module.PollAsync(cancellationToken: Ct);
        var again = await module.PollAsync(cancellationToken: Ct);

        Assert.Equal("access_denied", denied.Error);
        Assert.Contains("console.x.ai", (string)denied["hint"]!, StringComparison.Ordinal);
        Assert.Equal("no_pending_flow", again.Error);
        Assert.Equal(1, rig.Emulator.Control.Count("grant:device_code"));
    }

    [Fact]
    public async Task Poll_PastExpiresIn_SaysExpiredWithoutAskingTheServer()
    {
        await using var rig = await Rig.StartAsync();
        var module = rig.NewModule();
        await module.StartAsync(Ct);
        rig.Clock.Advance(TimeSpan.FromSeconds(901));

        var expired = await module.PollAsync(cancellationToken: Ct);

        Assert.Equal("expired", expired.Error);
        Assert.Contains("start again", (string)expired["hint"]!, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(0, rig.Emulator.Control.Count("grant:device_code"));
    }

    [Fact]
    public async Task Poll_ServerSaysExpiredToken_SaysExpired()
    {
        await using var rig = await Rig.StartAsync();
        var module = rig.NewModule();
        var started = await module.StartAsync(Ct);
        rig.Emulator.Control.Expire((string)started["user_code"]!);
        rig.Clock.Advance(TimeSpan.FromSeconds(5));

        Assert.Equal("expired", (await module.PollAsync(cancellationToken: Ct)).Error);
    }

    [Fact]
    public async Task Poll_UnknownErrorCode_StopsTheFlow()
    {
        await using var rig = await Rig.StartAsync();
        var module = rig.NewModule();
        await module.StartAsync(Ct);
        rig.Emulator.Control.AddFault(new EmulatorFault("/oauth2/token") { Status = 400, Body = "{\"error\":\"invalid_request\"}", ContentType = "application/json" });
        rig.Clock.Advance(TimeSpan.FromSeconds(5));

        var stopped = await module.PollAsync(cancellationToken: Ct);

        Assert.Equal("oauth_error", stopped.Error);
        Assert.Equal("invalid_request", stopped["server_error"]);
        Assert.Equal("no_pending_flow", (await module.PollAsync(cancellationToken: Ct)).Error);
    }

    [Fact]
    public async Task Start_WithoutInterval_UsesFiveSeconds()
    {
        await using var rig = await Rig.StartAsync(new EmulatorOptions { OmitInterval = true });

        var started = await rig.NewModule().StartAsync(Ct);

        Assert.Equal(5, started["interval_seconds"]);
    }

    [Fact]
    public async Task Start_WithoutClientId_SaysClientNotConfigured()
    {
        await using var rig = await Rig.StartAsync(configure: options => options with { ClientId = null });

        var started = await rig.NewModule().StartAsync(Ct);

        Assert.Equal("client_not_configured", started.Error);
        Assert.Contains("XAI_OAUTH_CLIENT_ID", (string)started["hint"]!, StringComparison.Ordinal);
        Assert.Equal(0, rig.Emulator.Control.Count("/.well-known/openid-configuration"));
    }

    [Fact]
    public async Task PollUntilComplete_WaitsTheIntervalOnTheInjectedClock()
    {
        await using var rig = await Rig.StartAsync();
        var module = rig.NewModule();
        var started = await module.StartAsync(Ct);
        var reports = new List<PollProgress>();
        var progress = new SynchronousProgress(reports.Add);

        var waiting = module.PollUntilCompleteAsync(TimeSpan.FromMinutes(5), progress, cancellationToken: Ct);
        var steppedAfter = 0;
        while (reports.Count < 2)
        {
            // Each report is followed by the poll's wait for its interval: the timer it arms wakes this loop, which
            // then moves the clock over that one wait.
            var armed = rig.Clock.NextTimerArmed;
            if (reports.Count > steppedAfter && rig.StepToShortTimer())
            {
                steppedAfter = reports.Count;
                continue;
            }

            await Task.WhenAny(waiting, armed).WaitAsync(Ct);
            if (waiting.IsCompleted)
            {
                Assert.Fail("PollUntilComplete ended before approval: " + (await waiting).ToJson());
            }
        }

        rig.Emulator.Control.Approve((string)started["user_code"]!, tier: 1);
        var connected = await rig.AdvancingAsync(waiting);

        Assert.True(connected.Ok, connected.ToJson());
        Assert.Equal("connected", connected["status"]);
        Assert.All(reports, report => Assert.True(report.NextPollInSeconds >= 1));
        Assert.True(rig.Emulator.Control.Count("grant:device_code") >= 2);
    }

    private sealed class SynchronousProgress(Action<PollProgress> report) : IProgress<PollProgress>
    {
        public void Report(PollProgress value) => report(value);
    }
}
