using Microsoft.Extensions.Time.Testing;
using XaiGrok.Emulator;
using XaiGrok.Onboarding.Credentials;
using XaiGrok.Onboarding.Runtime;
using XaiGrok.Onboarding.Tests.Support;
using Xunit;

namespace XaiGrok.Onboarding.Tests.Integration;

public sealed class CredentialPrecedenceTests
{
    private const string GoodKey = "xai-test-key-0001-canary";
    private const string UnknownKey = "xai-unknown-key-0002-canary";
    private static readonly ChatMessage[] Hello = [ChatMessage.User("hello")];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>GROK-CLI-AUTH.md: per-model key > active session token > XAI_API_KEY; nothing at all is not_connected.</summary>
    [Theory]
    [InlineData(true, true, true, "per-model")]
    [InlineData(true, true, false, "per-model")]
    [InlineData(true, false, true, "per-model")]
    [InlineData(true, false, false, "per-model")]
    [InlineData(false, true, true, "session")]
    [InlineData(false, true, false, "session")]
    [InlineData(false, false, true, "api-key")]
    [InlineData(false, false, false, "none")]
    public async Task Resolver_FollowsTheGrokCliPrecedence(bool perModelKey, bool session, bool apiKey, string expected)
    {
        using var home = new TestHome();
        var clock = new FakeTimeProvider();
        var options = new OnboardingOptions { Home = home.Path, ApiKey = apiKey ? "env-api-key-canary" : null };
        using var runtime = new OnboardingRuntime(options, clock, environment: _ => null);
        runtime.EnsureHome();
        if (perModelKey)
        {
            File.WriteAllText(Path.Combine(home.Path, "config.json"), """{"models":{"xai-grok/grok-4.3":{"api_key":"per-model-key-canary"}}}""");
        }

        if (session)
        {
            runtime.Session.Store.Write(new Credential { Source = CredentialSources.OAuth, AccessToken = "session-token-canary", ExpiresAt = clock.GetUtcNow().AddHours(6), ObtainedAt = clock.GetUtcNow() });
        }

        var bearer = await runtime.Bearers.ResolveAsync("grok-4.3", Ct);

        var used = !bearer.IsSuccess ? "none"
            : bearer.Value.Token == "per-model-key-canary" ? "per-model"
            : bearer.Value.Token == "session-token-canary" ? "session"
            : bearer.Value.Token == "env-api-key-canary" ? "api-key"
            : "other";
        Assert.Equal(expected, used);
        Assert.True(bearer.IsSuccess || bearer.Failure.Code == "not_connected");
    }

    [Fact]
    public async Task ApiKey_WithoutSession_ServesStatusModelsAndChat()
    {
        await using var rig = await Rig.StartAsync(new EmulatorOptions { ApiKeys = [GoodKey] }, options => options with { ApiKey = GoodKey });
        var module = rig.NewModule();

        var models = await module.ModelsAsync(cancellationToken: Ct);
        var status = await module.StatusAsync(Ct);
        var chat = await module.ChatAsync("xai-grok/grok-4.20-multi-agent-0309", Hello, cancellationToken: Ct);

        Assert.True(models.Ok, models.ToJson());
        Assert.Equal(true, status["connected"]);
        Assert.Equal("api_key", status["source"]);
        Assert.Equal("unknown", status["subscription"]);
        Assert.True(chat.Ok, chat.ToJson());
        SecretScan.AssertAbsent(models.ToJson() + status.ToJson() + chat.ToJson(), new Dictionary<string, string> { ["api key"] = GoodKey });
    }

    [Fact]
    public async Task Session_WinsOverXaiApiKey()
    {
        // The environment's key is one xAI would reject: a successful call proves the session token was sent.
        await using var rig = await Rig.StartAsync(configure: options => options with { ApiKey = UnknownKey });
        var module = rig.NewModule();
        await rig.ConnectAsync(module);

        var chat = await module.ChatAsync("xai-grok/grok-4.3", Hello, cancellationToken: Ct);
        var status = await module.StatusAsync(Ct);

        Assert.True(chat.Ok, chat.ToJson());
        Assert.Equal("oauth", status["source"]);
    }

    [Fact]
    public async Task PerModelKey_WinsForItsModelOnly_AndIsNeverRefreshed()
    {
        await using var rig = await Rig.StartAsync();
        var module = rig.NewModule();
        await rig.ConnectAsync(module);
        File.WriteAllText(Path.Combine(rig.Home, "config.json"), "{\"models\":{\"grok-4.3\":{\"api_key\":\"" + UnknownKey + "\"}}}");

        var keyed = await module.ChatAsync("xai-grok/grok-4.3", Hello, cancellationToken: Ct);
        var other = await module.ChatAsync("xai-grok/grok-4.20-0309-reasoning", Hello, cancellationToken: Ct);

        Assert.Equal("api_key_rejected", keyed.Error);
        Assert.True(other.Ok, other.ToJson());
        Assert.Equal(0, rig.Emulator.Control.Count("grant:refresh_token"));
        SecretScan.AssertAbsent(keyed.ToJson(), new Dictionary<string, string> { ["per-model key"] = UnknownKey });
    }

    [Fact]
    public async Task PerModelEnvKey_IsReadFromTheNamedVariable()
    {
        await using var rig = await Rig.StartAsync(new EmulatorOptions { ApiKeys = [GoodKey] });
        await rig.ConnectAsync(rig.NewModule());
        rig.Emulator.Control.ExpireAccessTokens();
        File.WriteAllText(Path.Combine(rig.Home, "config.json"), """{"models":{"grok-4.3":{"env_key":"ACME_GROK_KEY"}}}""");
        var module = rig.NewModule(environment: name => name == "ACME_GROK_KEY" ? GoodKey : null);

        var chat = await module.ChatAsync("xai-grok/grok-4.3", Hello, cancellationToken: Ct);

        // The session token was revoked, so only the per-model key can have answered, without a refresh.
        Assert.True(chat.Ok, chat.ToJson());
        Assert.Equal(0, rig.Emulator.Control.Count("grant:refresh_token"));
    }
}
