using System.Net;
using System.Net.Sockets;
using XaiGrok.Emulator;
using XaiGrok.Onboarding.Tests.Support;
using Xunit;

namespace XaiGrok.Onboarding.Tests.Integration;

/// <summary>
/// The typed API a platform uses, against the emulator: each call's record, and each kind of failure, built from an
/// <see cref="XaiGrok.Onboarding.Runtime.OnboardingRuntime"/> alone as a multi-user host builds one per user.
/// </summary>
public sealed class GrokSessionTests
{
    private static readonly ChatMessage[] Hello = [ChatMessage.User("hello there")];

    private static CancellationToken Ct => Rig.Ct;

    [Fact]
    public async Task StartSignIn_ThenPoll_IsPendingUntilApprovedThenConnected()
    {
        await using var rig = await Rig.StartAsync();
        using var runtime = rig.NewRuntime();
        var session = new GrokSession(runtime);

        var started = await session.StartSignInAsync(Ct);

        Assert.True(started.IsSuccess, started.ToString());
        var flow = started.Value;
        Assert.Contains(flow.UserCode, flow.VerificationUrlWithCode, StringComparison.Ordinal);
        Assert.StartsWith(flow.VerificationUrl, flow.VerificationUrlWithCode, StringComparison.Ordinal);
        Assert.True(flow.IntervalSeconds > 0 && flow.ExpiresInSeconds > 0);
        Assert.Equal(rig.Clock.GetUtcNow().AddSeconds(flow.ExpiresInSeconds), flow.ExpiresAt);

        rig.Clock.Advance(TimeSpan.FromSeconds(flow.IntervalSeconds));
        var waiting = await session.PollAsync(flow.PendingId, Ct);

        Assert.True(waiting.IsSuccess, waiting.ToString());
        Assert.False(waiting.Value.IsConnected);
        Assert.Equal(flow.PendingId, waiting.Value.Pending!.PendingId);
        Assert.True(waiting.Value.RetryAfterSeconds > 0);

        rig.Emulator.Control.Approve(flow.UserCode, tier: 5);
        rig.Clock.Advance(TimeSpan.FromSeconds(waiting.Value.RetryAfterSeconds));
        var polled = await session.PollAsync(cancellationToken: Ct);

        Assert.True(polled.IsSuccess, polled.ToString());
        var connection = Assert.IsType<GrokConnection>(polled.Value.Connection);
        Assert.True(polled.Value.IsConnected);
        Assert.Null(polled.Value.Pending);
        Assert.Equal(("oauth", 5L, "SuperGrok Heavy"), (connection.Source, connection.Tier, connection.Subscription));
        Assert.Equal("xai-grok/grok-4.3", connection.ChatModel);
        Assert.Equal(connection.DefaultModelId, connection.ChatModel);
        Assert.Contains(connection.Models!.Chat, model => model.Id == "xai-grok/grok-4.3" && model.Lane == "chat_completions");
        Assert.Null(connection.ModelsFailure);
    }

    [Fact]
    public async Task Status_Connected_SaysSourceTierModelAndExpiry()
    {
        await using var rig = await Rig.StartAsync();
        await rig.ConnectAsync(rig.NewModule(), tier: 4);
        using var runtime = rig.NewRuntime();

        var status = await new GrokSession(runtime).StatusAsync(Ct);

        Assert.True(status.IsSuccess, status.ToString());
        var value = status.Value;
        Assert.True(value.Connected);
        Assert.Equal(("oauth", "oauth", 4L, "X Premium+"), (value.Source, value.ActiveSignInMethod, value.Tier, value.Subscription));
        Assert.Equal("xai-grok/grok-4.3", value.SelectedModel);
        Assert.True(value.ExpiresAt > rig.Clock.GetUtcNow());
        Assert.Equal((long)(value.ExpiresAt!.Value - rig.Clock.GetUtcNow()).TotalSeconds, value.ExpiresInSeconds);
        Assert.Empty(value.Pending);
        Assert.Null(value.Problem);
        Assert.Null(value.Hint);
        Assert.Null(value.Settings);
    }

    [Fact]
    public async Task Status_NothingConnected_SaysHowToConnect()
    {
        await using var rig = await Rig.StartAsync();
        using var runtime = rig.NewRuntime();

        var status = await new GrokSession(runtime).StatusAsync(Ct);

        Assert.True(status.IsSuccess, status.ToString());
        Assert.False(status.Value.Connected);
        Assert.Equal("none", status.Value.Source);
        Assert.Null(status.Value.Subscription);
        Assert.Null(status.Value.SelectedModel);
        Assert.NotNull(status.Value.Hint);
    }

    [Fact]
    public async Task Models_UseModel_Chat_Refresh_Logout_EachGiveTheirRecord()
    {
        await using var rig = await Rig.StartAsync();
        await rig.ConnectAsync(rig.NewModule(), tier: 5);
        using var runtime = rig.NewRuntime();
        var session = new GrokSession(runtime);

        var models = await session.ModelsAsync(force: true, Ct);
        Assert.True(models.IsSuccess, models.ToString());
        Assert.False(models.Value.Cached);
        Assert.Equal("oauth", models.Value.Source);
        Assert.Contains(models.Value.List.Chat, model => model is { Id: "xai-grok/grok-4.20-multi-agent-0309", Lane: "responses", Kind: "chat" });
        Assert.All(models.Value.List.Media, model => Assert.Null(model.Lane));

        var chosen = await session.UseModelAsync("grok-4.20-multi-agent-0309", Ct);
        Assert.True(chosen.IsSuccess, chosen.ToString());
        Assert.Equal(("xai-grok/grok-4.20-multi-agent-0309", "responses"), (chosen.Value.Model.Id, chosen.Value.Model.Lane));

        var answer = await session.ChatAsync(null, Hello, new Thinking("high"), Ct);
        Assert.True(answer.IsSuccess, answer.ToString());
        Assert.Equal(("xai-grok/grok-4.20-multi-agent-0309", "responses"), (answer.Value.Model, answer.Value.Lane));
        Assert.False(string.IsNullOrEmpty(answer.Value.Content));
        Assert.False(answer.Value.FailedOver);

        var status = await session.StatusAsync(Ct);
        Assert.Equal("xai-grok/grok-4.20-multi-agent-0309", status.Value!.SelectedModel);

        var before = status.Value.ExpiresAt!.Value;
        rig.Clock.Advance(TimeSpan.FromMinutes(10));
        var refreshed = await session.RefreshAsync(Ct);
        Assert.True(refreshed.IsSuccess, refreshed.ToString());
        Assert.True(refreshed.Value.ExpiresAt > before);
        Assert.Equal(("oauth", 5L), (refreshed.Value.Source, refreshed.Value.Tier));

        var loggedOut = await session.LogoutAsync(Ct);
        Assert.True(loggedOut.IsSuccess, loggedOut.ToString());
        Assert.True(loggedOut.Value.RemovedCredential);
        Assert.Equal("revoked", loggedOut.Value.Revocation);
        Assert.False((await session.StatusAsync(Ct)).Value!.Connected);
    }

    [Fact]
    public async Task NoClientId_IsAConfigurationFailure()
    {
        await using var rig = await Rig.StartAsync(configure: options => options with { ClientId = null });
        using var runtime = rig.NewRuntime();

        var started = await new GrokSession(runtime).StartSignInAsync(Ct);

        AssertFailure(started, "client_not_configured", GrokFailureKind.Configuration);
    }

    [Fact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public async Task StateFolderWritableByOthers_IsAStorageFailure()
    {
        await using var rig = await Rig.StartAsync();
        Directory.CreateDirectory(rig.Home);
        File.SetUnixFileMode(rig.Home, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.OtherWrite | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        using var runtime = rig.NewRuntime();

        var status = await new GrokSession(runtime).StatusAsync(Ct);

        AssertFailure(status, "credential_store_error", GrokFailureKind.Storage);
        Assert.Contains(rig.Home, status.Failure!.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ServerError_IsAnHttpFailure()
    {
        await using var rig = await Rig.StartAsync();
        await rig.ConnectAsync(rig.NewModule());
        using var runtime = rig.NewRuntime();
        rig.Emulator.Control.AddFault(new EmulatorFault("/v1/chat/completions") { Status = 500 });

        var answer = await new GrokSession(runtime).ChatAsync("xai-grok/grok-4.3", Hello, cancellationToken: Ct);

        AssertFailure(answer, "upstream_unavailable", GrokFailureKind.Http);
    }

    [Fact]
    public async Task ConnectionRefused_IsANetworkFailure()
    {
        await using var rig = await Rig.StartAsync();
        await rig.ConnectAsync(rig.NewModule());
        using var runtime = new XaiGrok.Onboarding.Runtime.OnboardingRuntime(rig.Options with { ApiBaseUrl = new Uri($"http://127.0.0.1:{ClosedPort()}/v1") }, rig.Clock, environment: _ => null, loggerFactory: rig.Log);

        var answer = await rig.AdvancingAsync(new GrokSession(runtime).ChatAsync("xai-grok/grok-4.3", Hello, cancellationToken: Ct));

        AssertFailure(answer, "network_error", GrokFailureKind.Network);
    }

    [Fact]
    public async Task UnparsableAnswer_IsAProtocolFailure()
    {
        await using var rig = await Rig.StartAsync();
        await rig.ConnectAsync(rig.NewModule());
        using var runtime = rig.NewRuntime();
        rig.Emulator.Control.AddFault(new EmulatorFault("/v1/chat/completions") { Status = 200, ContentType = "application/json", Body = "{\"choices\": [" });

        var answer = await new GrokSession(runtime).ChatAsync("xai-grok/grok-4.3", Hello, cancellationToken: Ct);

        AssertFailure(answer, "invalid_response", GrokFailureKind.Protocol);
    }

    [Fact]
    public async Task ChatWithoutASession_IsASessionFailure_AndEmptyMessagesARequestFailure()
    {
        await using var rig = await Rig.StartAsync();
        using var runtime = rig.NewRuntime();
        var session = new GrokSession(runtime);

        AssertFailure(await session.ChatAsync(null, Hello, cancellationToken: Ct), "not_connected", GrokFailureKind.Session);
        AssertFailure(await session.ChatAsync(null, [], cancellationToken: Ct), "invalid_request", GrokFailureKind.Request);
    }

    [Fact]
    public async Task ServerEchoesTheBearer_NeitherTheAnswerNorTheFailureCarriesIt()
    {
        await using var api = new EchoingApi();
        await using var rig = await Rig.StartAsync(configure: options => options with { ApiBaseUrl = new Uri(api.BaseUrl) });
        await rig.ConnectAsync(rig.NewModule());
        using var runtime = rig.NewRuntime();
        var session = new GrokSession(runtime);

        var answer = await session.ChatAsync(null, Hello, cancellationToken: Ct);
        api.ErrorStatus = 400;
        var refused = await session.ChatAsync(null, Hello, cancellationToken: Ct);

        Assert.True(answer.IsSuccess, answer.ToString());
        Assert.Equal("you sent [redacted] as your key", answer.Value.Content);
        Assert.False(refused.IsSuccess);
        Assert.NotEmpty(api.Bearers);
        SecretScan.AssertAbsent($"{answer.Value} {refused.Failure} {refused.Failure.Detail} {refused.Failure.Hint}", rig.SecretsOnDisk());
    }

    private static void AssertFailure<T>(GrokResult<T> result, string code, GrokFailureKind kind)
        where T : class
    {
        Assert.False(result.IsSuccess, result.ToString());
        Assert.Null(result.Value);
        Assert.Equal((code, kind), (result.Failure.Code, result.Failure.Kind));
        Assert.False(string.IsNullOrWhiteSpace(result.Failure.Detail));
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
