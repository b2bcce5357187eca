using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace XaiGrok.Onboarding.Tests.Platform;

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessEnvironmentCollection
{
    /// <summary>Tests that set variables of this process's environment run alone.</summary>
    public const string Name = "Process environment";
}

/// <summary>A platform host whose own environment holds an API key never bills it for a user.</summary>
[Collection(ProcessEnvironmentCollection.Name)]
public sealed class BillingTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task HostWithXaiApiKeyInItsEnvironment_UserWhoNeverConnected_IsNotConnectedAndCannotChat()
    {
        await using var rig = await PlatformRig.StartAsync();
        var saved = Environment.GetEnvironmentVariable("XAI_API_KEY");
        Environment.SetEnvironmentVariable("XAI_API_KEY", "xai-platform-billing-key-0123456789abcdef");
        try
        {
            var services = new ServiceCollection();
            services.AddXaiGrokOnboarding(HostingTests.Configuration(rig));
            services.AddHttpClient("grok", client => client.BaseAddress = new Uri(rig.Emulator.ApiBaseUrl + "/")).AddXaiGrokAuthentication();
            using var provider = services.BuildServiceProvider();
            var user = provider.GetRequiredService<GrokPlatform>().ForUser("never-connected");

            var status = await user.StatusAsync(Ct);
            var chat = await user.ChatAsync(null, [ChatMessage.User("bill someone")], cancellationToken: Ct);
            using var request = new HttpRequestMessage(HttpMethod.Get, "models");
            request.Options.Set(GrokPlatform.UserIdOption, "never-connected");
            using var viaClient = await provider.GetRequiredService<IHttpClientFactory>().CreateClient("grok").SendAsync(request, Ct);

            Assert.Equal(false, status["connected"]);
            Assert.Equal("none", status["source"]);
            Assert.Equal("not_connected", chat.Error);
            Assert.Equal(System.Net.HttpStatusCode.Unauthorized, viaClient.StatusCode);
            Assert.Equal(0, rig.Emulator.Control.Count("/v1/chat/completions"));
            Assert.Equal(0, rig.Emulator.Control.Count("/v1/models"));
        }
        finally
        {
            Environment.SetEnvironmentVariable("XAI_API_KEY", saved);
        }
    }
}
