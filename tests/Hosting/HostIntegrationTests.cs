using System.ClientModel;
using System.ClientModel.Primitives;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using OpenAI;
using OpenAI.Chat;
using XaiGrok.Emulator;
using XaiGrok.Onboarding.Tests.Integration;
using Xunit;

namespace XaiGrok.Onboarding.Tests.Hosting;

public sealed class HostIntegrationTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task OpenAiClient_OverTheHandler_ChatsWithTheSubscriptionToken()
    {
        await using var rig = await Rig.StartAsync();
        var module = rig.NewModule();
        await rig.ConnectAsync(module);
        using var http = module.CreateHttpClient();

        var answer = await Client(rig, http).CompleteChatAsync([new UserChatMessage("hi from the OpenAI SDK")], cancellationToken: Ct);

        Assert.Equal("Echo from grok-4.3: hi from the OpenAI SDK", answer.Value.Content[0].Text);
        Assert.Equal(1, rig.Emulator.Control.Count("/v1/chat/completions"));
    }

    [Fact]
    public async Task OpenAiClient_TokenExpiredUpstream_RefreshesOnceAndRetries()
    {
        await using var rig = await Rig.StartAsync(new EmulatorOptions { ExpiredTokenAs403 = true });
        var module = rig.NewModule();
        await rig.ConnectAsync(module);
        rig.Emulator.Control.ExpireAccessTokens();
        rig.Emulator.Control.ResetCounters();
        using var http = module.CreateHttpClient();

        var answer = await Client(rig, http).CompleteChatAsync([new UserChatMessage("still there?")], cancellationToken: Ct);

        Assert.Equal("Echo from grok-4.3: still there?", answer.Value.Content[0].Text);
        Assert.Equal(1, rig.Emulator.Control.Count("grant:refresh_token"));
        Assert.Equal(2, rig.Emulator.Control.Count("/v1/chat/completions"));
    }

    [Fact]
    public async Task OpenAiClient_NotConnected_GetsA401WithTheReason()
    {
        await using var rig = await Rig.StartAsync();
        using var http = rig.NewModule().CreateHttpClient();

        var refused = await Assert.ThrowsAsync<ClientResultException>(() => Client(rig, http).CompleteChatAsync([new UserChatMessage("hi")], cancellationToken: Ct));

        Assert.Equal(401, refused.Status);
        Assert.Contains("no xAI session", refused.Message, StringComparison.Ordinal);
        Assert.Equal(0, rig.Emulator.Control.Count("/v1/chat/completions"));
    }

    [Fact]
    public void AddXaiGrokOnboarding_RegistersOneConfiguredInstance()
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(new FakeTimeProvider());
        services.AddXaiGrokOnboarding(options => options with { ClientId = "host-client", Home = Path.Combine(Path.GetTempPath(), "xgo-di") });
        using var provider = services.BuildServiceProvider();

        var first = provider.GetRequiredService<GrokOnboarding>();

        Assert.Same(first, provider.GetRequiredService<GrokOnboarding>());
        Assert.Equal("host-client", first.Options.ClientId);
    }

    private static ChatClient Client(Rig rig, HttpClient http) =>
        new("grok-4.3", new ApiKeyCredential("placeholder-replaced-by-the-handler"), new OpenAIClientOptions
        {
            Endpoint = new Uri(rig.Emulator.ApiBaseUrl),
            Transport = new HttpClientPipelineTransport(http),
        });
}
