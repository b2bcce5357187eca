using System.Diagnostics;
using System.Text;
using XaiGrok.Emulator;
using XaiGrok.Onboarding.Tests.Integration;
using XaiGrok.Onboarding.Tests.Support;
using Xunit;

namespace XaiGrok.Onboarding.Tests.Telemetry;

/// <summary>The meter and the activities, as a host's listener sees them, over the emulator on loopback.</summary>
public sealed class TelemetryTests
{
    private static readonly IReadOnlyList<ChatMessage> Hello = [ChatMessage.User("Hello")];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static int Port(Rig rig) => new Uri(rig.Emulator.Issuer).Port;

    [Fact]
    public async Task DeviceSignIn_CountsStartedThenConnected_WithActivitiesForStartAndPoll()
    {
        using var capture = new TelemetryCapture();
        await using var rig = await Rig.StartAsync();

        await rig.ConnectAsync(rig.NewModule());

        var started = Assert.Single(capture.Measurements("xai_grok.sign_in.starts", Port(rig)));
        Assert.Equal("device", started["xai_grok.sign_in.flow"]);
        Assert.Equal("127.0.0.1", started["server.address"]);
        var ended = Assert.Single(capture.Measurements("xai_grok.sign_in.results", Port(rig)));
        Assert.Equal(("device", "connected"), (ended["xai_grok.sign_in.flow"], ended["xai_grok.outcome"]));
        Assert.Null(ended["error.type"]);
        var activities = capture.Activities(Port(rig));
        Assert.Equal("ok", Assert.Single(activities, a => a.OperationName == "xai_grok.sign_in.start").GetTagItem("xai_grok.outcome"));
        Assert.Equal("connected", Assert.Single(activities, a => a.OperationName == "xai_grok.sign_in.poll").GetTagItem("xai_grok.outcome"));
    }

    [Theory]
    [InlineData(true, "denied", "access_denied")]
    [InlineData(false, "expired", "expired")]
    public async Task DeviceSignIn_DeniedOrExpired_CountsThatOutcomeWithTheErrorCode(bool deny, string outcome, string code)
    {
        using var capture = new TelemetryCapture();
        await using var rig = await Rig.StartAsync();
        var module = rig.NewModule();
        var started = await module.StartAsync(Ct);
        var userCode = (string)started["user_code"]!;
        if (deny)
        {
            rig.Emulator.Control.Deny(userCode);
        }
        else
        {
            rig.Emulator.Control.Expire(userCode);
        }

        rig.Clock.Advance(TimeSpan.FromSeconds((int)started["interval_seconds"]!));
        var polled = await module.PollAsync(cancellationToken: Ct);

        Assert.Equal(code, polled.Error);
        var ended = Assert.Single(capture.Measurements("xai_grok.sign_in.results", Port(rig)));
        Assert.Equal((outcome, code), (ended["xai_grok.outcome"], ended["error.type"]));
        var poll = Assert.Single(capture.Activities(Port(rig)), a => a.OperationName == "xai_grok.sign_in.poll");
        Assert.Equal((ActivityStatusCode.Error, code, code), (poll.Status, poll.StatusDescription, poll.GetTagItem("error.type")));

        // The token endpoint's refusal is an HTTP 400: its duration carries the status as error.type.
        Assert.Contains(capture.Measurements("http.client.request.duration", Port(rig)), m => Equals(m["http.response.status_code"], 400) && Equals(m["error.type"], "400"));
    }

    [Fact]
    public async Task Refresh_CountsRefreshed_AndASiblingsTokenAsAdopted()
    {
        using var capture = new TelemetryCapture();
        await using var rig = await Rig.StartAsync();
        await rig.ConnectAsync(rig.NewModule());
        using var other = rig.NewRuntime();
        var seenBefore = other.Session.Store.Read().Credential!;

        Assert.True((await rig.NewModule().RefreshAsync(Ct)).Ok);
        Assert.True((await other.Session.RefreshAsync(seenBefore, force: true, Ct)).IsSuccess);

        var outcomes = capture.Measurements("xai_grok.refreshes", Port(rig)).Select(m => m["xai_grok.outcome"]).ToList();
        Assert.Equal(["refreshed", "adopted_from_sibling"], outcomes);
        Assert.Equal(2, capture.Activities(Port(rig)).Count(a => a.OperationName == "xai_grok.refresh"));
    }

    [Fact]
    public async Task Refresh_RefusedGrant_CountsFailedReauth()
    {
        using var capture = new TelemetryCapture();
        await using var rig = await Rig.StartAsync();
        using var runtime = rig.NewRuntime();
        await rig.ConnectAsync(rig.NewModule());
        var stored = runtime.Session.Store.Read().Credential!;
        await rig.NewModule().RefreshAsync(Ct);

        // The first refresh spent the token this runtime still holds in memory, as a crashed sibling would.
        runtime.Session.Store.Write(stored);
        var refused = await runtime.Session.RefreshAsync(null, force: true, Ct);

        Assert.Equal("reauth_required", refused.Failure?.Code);
        var last = capture.Measurements("xai_grok.refreshes", Port(rig))[^1];
        Assert.Equal(("failed_reauth", "reauth_required"), (last["xai_grok.outcome"], last["error.type"]));
    }

    [Fact]
    public async Task Refresh_CallerCancelledAfterTheRequestWasSent_IsCountedWhenTheAnswerIsStored()
    {
        using var capture = new TelemetryCapture();
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
        Assert.Empty(capture.Measurements("xai_grok.refreshes", Port(rig)));
        hold.Release();

        await Eventually.WaitUntilAsync(() => capture.Measurements("xai_grok.refreshes", Port(rig)).Count > 0, "the refresh to be counted");
        Assert.Equal("refreshed", Assert.Single(capture.Measurements("xai_grok.refreshes", Port(rig)))["xai_grok.outcome"]);
    }

    [Theory]
    [InlineData("xai-grok/grok-4.3", "grok-4.3", "chat_completions")]
    [InlineData("grok-4.20-multi-agent-0309", "grok-4.20-multi-agent-0309", "responses")]
    public async Task Chat_RecordsGenAiDurationTokensAndACall_WithModelAndLane(string model, string upstream, string lane)
    {
        using var capture = new TelemetryCapture();
        await using var rig = await Rig.StartAsync();
        var module = rig.NewModule();
        await rig.ConnectAsync(module);

        var answer = await module.ChatAsync(model, Hello, cancellationToken: Ct);

        Assert.True(answer.Ok, answer.ToJson());
        var duration = Assert.Single(capture.Measurements("gen_ai.client.operation.duration", Port(rig)));
        Assert.Equal(("chat", "xai", upstream, lane), (duration["gen_ai.operation.name"], duration["gen_ai.system"], duration["gen_ai.request.model"], duration["xai_grok.lane"]));
        Assert.Null(duration["error.type"]);
        Assert.True(duration.Value >= 0);
        var call = Assert.Single(capture.Measurements("xai_grok.chat.calls", Port(rig)));
        Assert.Equal((lane, "ok"), (call["xai_grok.lane"], call["xai_grok.outcome"]));
        var tokens = capture.Measurements("gen_ai.client.token.usage", Port(rig));
        Assert.Equal(["input", "output"], tokens.Select(m => m["gen_ai.token.type"]).Order());
        var activity = Assert.Single(capture.Activities(Port(rig)), a => a.OperationName == "chat " + upstream);
        Assert.Equal((ActivityKind.Client, ActivityStatusCode.Unset, upstream), (activity.Kind, activity.Status, activity.GetTagItem("gen_ai.request.model")));
    }

    [Fact]
    public async Task Chat_Failure_CountsAnErrorWithItsCode_AndMarksTheActivity()
    {
        using var capture = new TelemetryCapture();
        await using var rig = await Rig.StartAsync();

        var answer = await rig.NewModule().ChatAsync("xai-grok/grok-4.3", Hello, cancellationToken: Ct);

        Assert.Equal("not_connected", answer.Error);
        var call = Assert.Single(capture.Measurements("xai_grok.chat.calls", Port(rig)));
        Assert.Equal(("error", "not_connected", "chat_completions"), (call["xai_grok.outcome"], call["error.type"], call["xai_grok.lane"]));
        Assert.Equal("not_connected", Assert.Single(capture.Measurements("gen_ai.client.operation.duration", Port(rig)))["error.type"]);
        var activity = Assert.Single(capture.Activities(Port(rig)), a => a.OperationName == "chat grok-4.3");
        Assert.Equal((ActivityStatusCode.Error, "not_connected"), (activity.Status, activity.StatusDescription));
    }

    [Fact]
    public async Task ChatStream_RecordsOneCallWhenTheStreamEnds()
    {
        using var capture = new TelemetryCapture();
        await using var rig = await Rig.StartAsync();
        var module = rig.NewModule();
        await rig.ConnectAsync(module);

        await foreach (var _ in module.ChatStreamAsync("xai-grok/grok-4.3", Hello, cancellationToken: Ct))
        {
        }

        var call = Assert.Single(capture.Measurements("xai_grok.chat.calls", Port(rig)));
        Assert.Equal(("ok", true), (call["xai_grok.outcome"], call["xai_grok.streamed"]));
    }

    [Fact]
    public async Task HttpRequests_RecordClientDurations_ByMethodServerAndStatus()
    {
        using var capture = new TelemetryCapture();
        await using var rig = await Rig.StartAsync();

        await rig.ConnectAsync(rig.NewModule());

        var durations = capture.Measurements("http.client.request.duration", Port(rig));
        Assert.Contains(durations, m => Equals(m["http.request.method"], "GET") && Equals(m["http.response.status_code"], 200));
        Assert.Contains(durations, m => Equals(m["http.request.method"], "POST") && Equals(m["http.response.status_code"], 200));
        Assert.All(durations, m => Assert.Equal(("127.0.0.1", "http"), (m["server.address"], m["url.scheme"])));
        Assert.All(durations, m => Assert.True(m.Value >= 0));
    }

    [Fact]
    public async Task Image_CountsAMediaCallOnTheImagesLane()
    {
        using var capture = new TelemetryCapture();
        await using var rig = await Rig.StartAsync();
        var module = rig.NewModule();
        await rig.ConnectAsync(module);

        var made = await rig.AdvancingAsync(module.ImageAsync("a red fox", cancellationToken: Ct));

        Assert.True(made.Ok, made.ToJson());
        var call = Assert.Single(capture.Measurements("xai_grok.media.calls", Port(rig)));
        Assert.Equal(("images", "generate", "ok"), (call["xai_grok.lane"], call["xai_grok.media.operation"], call["xai_grok.outcome"]));
    }

    [Fact]
    public async Task UserId_TaggedAsEndUserOnActivitiesOnlyWhenTheHostSetsIt_AndNeverOnMetrics()
    {
        using var capture = new TelemetryCapture();
        await using var rig = await Rig.StartAsync();
        await using var anonymousRig = await Rig.StartAsync();
        var runtime = rig.NewRuntime();
        runtime.TelemetryUserId = "platform-user-42";
        using var module = new GrokOnboarding(runtime);
        var anonymous = anonymousRig.NewModule();

        await rig.ConnectAsync(module);
        await module.ChatAsync("xai-grok/grok-4.3", Hello, cancellationToken: Ct);
        await anonymousRig.ConnectAsync(anonymous);
        await anonymous.ChatAsync("xai-grok/grok-4.3", Hello, cancellationToken: Ct);

        var tagged = capture.Activities(Port(rig));
        Assert.Equal(3, tagged.Count);
        Assert.All(tagged, a => Assert.Equal("platform-user-42", a.GetTagItem("enduser.id")));
        var untagged = capture.Activities(Port(anonymousRig));
        Assert.Equal(3, untagged.Count);
        Assert.All(untagged, a => Assert.Null(a.GetTagItem("enduser.id")));
        Assert.DoesNotContain(capture.AllMeasurements(Port(rig)), m => m.Tags.ContainsKey("enduser.id"));
    }

    [Fact]
    public async Task NoSecret_InAnyTagNameStatusOrMeasurement()
    {
        using var capture = new TelemetryCapture();
        await using var rig = await Rig.StartAsync();
        var module = rig.NewModule();
        var userCodes = new Dictionary<string, string>();
        var first = await module.StartAsync(Ct);
        userCodes["first user code"] = (string)first["user_code"]!;
        rig.Emulator.Control.Approve(userCodes["first user code"], 5);
        rig.Clock.Advance(TimeSpan.FromSeconds((int)first["interval_seconds"]!));
        var connected = await module.PollAsync(cancellationToken: Ct);
        await module.ChatAsync("xai-grok/grok-4.3", Hello, cancellationToken: Ct);
        await module.RefreshAsync(Ct);
        rig.Emulator.Control.ExpireAccessTokens();
        await module.ChatAsync("grok-4.20-multi-agent-0309", Hello, cancellationToken: Ct);
        var denied = await module.StartAsync(Ct);
        userCodes["denied user code"] = (string)denied["user_code"]!;
        rig.Emulator.Control.Deny(userCodes["denied user code"]);
        rig.Clock.Advance(TimeSpan.FromSeconds((int)denied["interval_seconds"]!));
        await module.PollAsync(cancellationToken: Ct);

        var seen = new StringBuilder();
        foreach (var activity in capture.Activities(Port(rig)))
        {
            seen.AppendLine(activity.DisplayName).AppendLine(activity.OperationName).AppendLine(activity.StatusDescription);
            foreach (var (key, value) in activity.TagObjects)
            {
                seen.Append(key).Append('=').AppendLine(value?.ToString());
            }
        }

        foreach (var measurement in capture.AllMeasurements(Port(rig)))
        {
            foreach (var (key, value) in measurement.Tags)
            {
                seen.Append(key).Append('=').AppendLine(value?.ToString());
            }
        }

        Assert.True(capture.Activities(Port(rig)).Count >= 6, seen.ToString());
        SecretScan.AssertAbsent(seen.ToString(), rig.Emulator.Control.IssuedSecrets());
        SecretScan.AssertAbsent(seen.ToString(), rig.SecretsOnDisk());
        SecretScan.AssertAbsent(seen.ToString(), userCodes);
        Assert.Equal("connected", connected["status"]);
    }
}
