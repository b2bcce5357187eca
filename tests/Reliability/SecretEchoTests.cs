using System.Runtime.Versioning;
using System.Text;
using XaiGrok.Emulator;
using XaiGrok.Onboarding.Tests.Integration;
using XaiGrok.Onboarding.Tests.Support;
using Xunit;

namespace XaiGrok.Onboarding.Tests.Reliability;

/// <summary>
/// Servers that echo credentials back: an API that repeats the bearer in a header, in answers (whole or split across
/// stream pieces) and in error bodies; a token endpoint that issues very short tokens and repeats them. Whatever the
/// name of the header or field that carries it, no credential reaches a result, a stream piece or a log line.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class SecretEchoTests
{
    private static readonly ChatMessage[] Hello = [ChatMessage.User("hello")];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TraceLog_ApiEchoesTheBearerInAHeader_TheLogShowsItRedacted()
    {
        await using var api = new EchoingApi();
        await using var rig = await Rig.StartAsync(configure: options => options with { ApiBaseUrl = new Uri(api.BaseUrl) });
        var module = rig.NewModule();
        await rig.ConnectAsync(module);

        var models = await module.ModelsAsync(force: true, Ct);
        using (var host = module.CreateHttpClient())
        {
            using var answer = await host.GetAsync(new Uri("models", UriKind.Relative), Ct);
            Assert.Equal(System.Net.HttpStatusCode.OK, answer.StatusCode);
        }

        Assert.True(models.Ok, models.ToJson());
        Assert.NotEmpty(api.Bearers);
        Assert.Contains(rig.Log.Lines, line => line.Contains("X-Echo: [redacted]", StringComparison.Ordinal));
        SecretScan.AssertAbsent(rig.Log.Text, rig.SecretsOnDisk());
    }

    [Fact]
    public async Task Chat_AnswerEchoesTheBearer_ContentIsRedacted()
    {
        await using var api = new EchoingApi();
        await using var rig = await Rig.StartAsync(configure: options => options with { ApiBaseUrl = new Uri(api.BaseUrl) });
        var module = rig.NewModule();
        await rig.ConnectAsync(module);

        var chat = await module.ChatAsync(null, Hello, cancellationToken: Ct);

        Assert.True(chat.Ok, chat.ToJson());
        Assert.Equal("you sent [redacted] as your key", chat["content"]);
        SecretScan.AssertAbsent(chat.ToJson() + rig.Log.Text, rig.SecretsOnDisk());
    }

    [Fact]
    public async Task ChatStream_BearerSplitAcrossTwoPieces_NoPieceCarriesAnyOfIt()
    {
        await using var api = new EchoingApi();
        await using var rig = await Rig.StartAsync(configure: options => options with { ApiBaseUrl = new Uri(api.BaseUrl) });
        var module = rig.NewModule();
        await rig.ConnectAsync(module);

        var pieces = new List<string>();
        SkillResult? final = null;
        await foreach (var update in module.ChatStreamAsync(null, Hello, cancellationToken: Ct))
        {
            pieces.AddRange(update.Delta is { } delta ? [delta] : []);
            final = update.Result ?? final;
        }

        var bearer = api.Bearers.Last();
        Assert.True(final!.Ok, final.ToJson());
        Assert.Equal("you sent [redacted] as your key", string.Concat(pieces));
        Assert.Equal("you sent [redacted] as your key", final["content"]);
        Assert.True(pieces.Count >= 3, "the answer came in pieces");

        // No piece holds a run of six characters of the token (either half of it included).
        Assert.DoesNotContain(pieces, piece => Enumerable.Range(0, Math.Max(0, piece.Length - 5)).Any(at => bearer.Contains(piece.Substring(at, 6), StringComparison.Ordinal)));
        SecretScan.AssertAbsent(string.Join("\n", pieces) + final.ToJson() + rig.Log.Text, rig.SecretsOnDisk());
    }

    [Fact]
    public async Task Refresh_SevenCharacterRefreshTokenEchoedInTheErrorDescription_IsRedactedInDetailAndLog()
    {
        const string ShortRefresh = "r7Q-Cny";

        // The API takes any bearer, so nothing refreshes the made-up session before the test does.
        await using var api = new EchoingApi();
        await using var rig = await Rig.StartAsync(configure: options => options with { ApiBaseUrl = new Uri(api.BaseUrl) });
        var module = rig.NewModule();
        var started = await module.StartAsync(Ct);
        rig.Emulator.Control.Approve((string)started["user_code"]!, 5);
        rig.Clock.Advance(TimeSpan.FromSeconds(10));
        rig.Emulator.Control.AddFault(new EmulatorFault("/oauth2/token") { Status = 200, Body = TokenAnswer("access-canary-0123456789", ShortRefresh) });
        var polled = await module.PollAsync(cancellationToken: Ct);
        Assert.Equal("connected", polled["status"]);

        rig.Emulator.Control.AddFault(new EmulatorFault("/oauth2/token")
        {
            Status = 400,
            Body = $"{{\"error\":\"invalid_request\",\"error_description\":\"refresh token {ShortRefresh} is malformed\"}}",
        });
        var refreshed = await module.RefreshAsync(Ct);

        Assert.Equal("oauth_error", refreshed.Error);
        Assert.Contains("[redacted]", (string)refreshed["detail"]!, StringComparison.Ordinal);
        Assert.DoesNotContain(ShortRefresh, refreshed.ToJson(), StringComparison.Ordinal);
        Assert.DoesNotContain(ShortRefresh, rig.Log.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("refresh_token", "r3Z")]
    [InlineData("access_token", "a3Z")]
    public async Task Poll_TokenUnderFourCharacters_IsRefusedAsInvalidResponseAndNotStored(string field, string value)
    {
        await using var rig = await Rig.StartAsync();
        var module = rig.NewModule();
        var started = await module.StartAsync(Ct);
        rig.Emulator.Control.Approve((string)started["user_code"]!, 5);
        rig.Clock.Advance(TimeSpan.FromSeconds(10));
        var body = field == "refresh_token" ? TokenAnswer("access-canary-0123456789", value) : TokenAnswer(value, "refresh-canary-0123456789");
        rig.Emulator.Control.AddFault(new EmulatorFault("/oauth2/token") { Status = 200, Body = body });

        var polled = await module.PollAsync(cancellationToken: Ct);

        Assert.Equal("invalid_response", polled.Error);
        Assert.Contains(field, (string)polled["detail"]!, StringComparison.Ordinal);
        var authFile = Path.Combine(rig.Home, "auth.json");
        Assert.False(File.Exists(authFile) && File.ReadAllText(authFile).Contains($"\"{value}\"", StringComparison.Ordinal), "the short token was stored");
        Assert.DoesNotContain(value, polled.ToJson(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task EveryClassAndSink_EchoingServers_NoCanaryAnywhere()
    {
        // Classes: the session's access token, a 7-character refresh token, a 5-character API key and a per-model key,
        // echoed by the API (header, answer, stream pieces, error body) and by the token endpoint (error description).
        const string ApiKey = "k5Cnr";
        const string ModelKey = "model-key-canary-42";
        await using var api = new EchoingApi();
        await using var rig = await Rig.StartAsync(configure: options => options with { ApiBaseUrl = new Uri(api.BaseUrl) });
        var texts = new List<(string Sink, string Text)>();
        var secrets = new Dictionary<string, string> { ["api key"] = ApiKey, ["model key"] = ModelKey };

        // The API key alone (no session yet), then a per-model key, then the session.
        var keyed = rig.NewModule(rig.Options with { ApiKey = ApiKey }, name => name == "ACME_GROK_KEY" ? ModelKey : null);
        Assert.True((await keyed.StatusAsync(Ct)).Ok);
        File.WriteAllText(Path.Combine(rig.Home, "config.json"), "{\"models\":{\"grok-4.20-0309-reasoning\":{\"env_key\":\"ACME_GROK_KEY\"}}}");
        await Attempts(keyed, null, texts, api);
        await Attempts(keyed, "grok-4.20-0309-reasoning", texts, api);

        var module = rig.NewModule();
        var started = await module.StartAsync(Ct);
        rig.Emulator.Control.Approve((string)started["user_code"]!, 5);
        rig.Clock.Advance(TimeSpan.FromSeconds(10));
        rig.Emulator.Control.AddFault(new EmulatorFault("/oauth2/token") { Status = 200, Body = TokenAnswer("access-canary-0123456789", "r7Q-Cny") });
        texts.Add(("poll result", (await module.PollAsync(cancellationToken: Ct)).ToJson()));
        secrets["access token"] = "access-canary-0123456789";
        secrets["refresh token"] = "r7Q-Cny";
        await Attempts(module, null, texts, api);
        rig.Emulator.Control.AddFault(new EmulatorFault("/oauth2/token")
        {
            Status = 400,
            Body = "{\"error\":\"invalid_request\",\"error_description\":\"r7Q-Cny and access-canary-0123456789 refused\"}",
        });
        texts.Add(("refresh result", (await module.RefreshAsync(Ct)).ToJson()));
        texts.Add(("log", rig.Log.Text));

        Assert.Contains(ApiKey, api.Bearers);
        Assert.Contains(ModelKey, api.Bearers);
        Assert.Contains("access-canary-0123456789", api.Bearers);
        foreach (var (sink, text) in texts)
        {
            foreach (var (label, secret) in secrets)
            {
                Assert.False(text.Contains(secret, StringComparison.Ordinal), $"the {label} reached the {sink}");
            }
        }

        Figures.Report($"echoed secrets in-process: {secrets.Count} canaries (access token, 7-char refresh token, 5-char API key, per-model key) x {texts.Count} texts " +
            "(X-Echo header in the trace log, chat answer, stream pieces split mid-secret, error bodies, token error description, results): 0 found");
    }

    private static async Task Attempts(GrokOnboarding module, string? model, List<(string Sink, string Text)> texts, EchoingApi api)
    {
        api.ErrorStatus = 0;
        texts.Add(("chat result", (await module.ChatAsync(model, Hello, cancellationToken: Ct)).ToJson()));
        var pieces = new StringBuilder();
        await foreach (var update in module.ChatStreamAsync(model, Hello, cancellationToken: Ct))
        {
            pieces.Append(update.Delta).Append('|').Append(update.Result?.ToJson());
        }

        texts.Add(("stream pieces", pieces.ToString()));
        if (model is null)
        {
            texts.Add(("models result", (await module.ModelsAsync(force: true, Ct)).ToJson()));
        }

        api.ErrorStatus = 400;
        texts.Add(("chat error result", (await module.ChatAsync(model, Hello, cancellationToken: Ct)).ToJson()));
        api.ErrorStatus = 0;
    }

    private static string TokenAnswer(string access, string refresh) =>
        $"{{\"access_token\":\"{access}\",\"token_type\":\"Bearer\",\"expires_in\":3600,\"refresh_token\":\"{refresh}\"}}";
}
