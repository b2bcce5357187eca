using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using XaiGrok.Onboarding.Tests.Support;
using Xunit;

namespace XaiGrok.Onboarding.Tests.Platform;

/// <summary>The platform as a .NET host registers it: configuration section, IHttpClientFactory clients.</summary>
public sealed class HostingTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AddXaiGrokOnboarding_Configuration_BindsTheGrokSection()
    {
        await using var rig = await PlatformRig.StartAsync();
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(rig.Clock);
        services.AddXaiGrokOnboarding(Configuration(rig, ("Grok:MaxConnectionsPerServer", "7"), ("Grok:IdleTimeoutSeconds", "90"), ("Grok:EarlyRefreshSeconds", "120")));
        using var provider = services.BuildServiceProvider();

        var platform = provider.GetRequiredService<GrokPlatform>();

        Assert.Same(platform, provider.GetRequiredService<GrokPlatform>());
        Assert.Equal(new Uri(rig.Emulator.Issuer), platform.Options.Issuer);
        Assert.Equal("platform-client", platform.Options.ClientId);
        Assert.Equal(rig.Root, platform.Options.StateRoot);
        Assert.Equal(7, platform.Options.MaxConnectionsPerServer);
        Assert.Equal(TimeSpan.FromSeconds(90), platform.Options.IdleTimeout);
        Assert.Equal(120, platform.Options.EarlyRefreshSeconds);
        Assert.True((await platform.ForUser("alice").StartAsync(Ct)).Ok);
    }

    [Fact]
    public async Task AddXaiGrokOnboarding_ConfigurationValueThatDoesNotParse_EveryCallNamesTheKey()
    {
        await using var rig = await PlatformRig.StartAsync();
        var services = new ServiceCollection();
        services.AddXaiGrokOnboarding(Configuration(rig, ("Grok:EarlyRefreshSeconds", "soon")));
        using var provider = services.BuildServiceProvider();

        var status = await provider.GetRequiredService<GrokPlatform>().ForUser("alice").StatusAsync(Ct);

        Assert.Equal("invalid_configuration", status.Error);
        Assert.Contains("Grok:EarlyRefreshSeconds", (string)status["detail"]!, StringComparison.Ordinal);
        Assert.False(Directory.Exists(rig.Root));
    }

    [Fact]
    public async Task AddXaiGrokAuthentication_TwoUsersAlternatingOnOneNamedClient_EachRequestCarriesItsOwnUsersToken()
    {
        await using var rig = await PlatformRig.StartAsync();
        await rig.ConnectAsync("alice");
        await rig.ConnectAsync("bob");
        await using var api = new EchoingApi();
        using var provider = HostWith(rig, services => services.AddHttpClient("grok", client => client.BaseAddress = new Uri(api.BaseUrl + "/")).AddXaiGrokAuthentication());
        var http = provider.GetRequiredService<IHttpClientFactory>();

        string[] order = ["alice", "bob", "alice", "alice", "bob", "bob", "alice", "bob"];
        foreach (var user in order)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "models");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "placeholder-replaced-by-the-handler");
            request.Options.Set(GrokPlatform.UserIdOption, user);
            using var response = await http.CreateClient("grok").SendAsync(request, Ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        Assert.Equal(order.Select(rig.AccessTokenOf), api.Bearers);
    }

    [Fact]
    public async Task AddXaiGrokAuthentication_RequestWithoutUser_IsRefusedAndNeverSent()
    {
        await using var rig = await PlatformRig.StartAsync();
        await rig.ConnectAsync("alice");
        await using var api = new EchoingApi();
        using var provider = HostWith(rig, services => services.AddHttpClient("grok", client => client.BaseAddress = new Uri(api.BaseUrl + "/")).AddXaiGrokAuthentication());
        var client = provider.GetRequiredService<IHttpClientFactory>().CreateClient("grok");
        using (var first = new HttpRequestMessage(HttpMethod.Get, "models"))
        {
            first.Options.Set(GrokPlatform.UserIdOption, "alice");
            (await client.SendAsync(first, Ct)).Dispose();
        }

        using var refused = await client.GetAsync("models", Ct);
        using var badUser = new HttpRequestMessage(HttpMethod.Get, "models");
        badUser.Options.Set(GrokPlatform.UserIdOption, "../alice");
        using var refusedBadUser = await client.SendAsync(badUser, Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Contains("no platform user was named", await refused.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, refusedBadUser.StatusCode);
        Assert.Single(api.Bearers);
    }

    [Fact]
    public async Task AddXaiGrokAuthentication_TypedClientWithAResolver_FindsTheUserPerRequest()
    {
        await using var rig = await PlatformRig.StartAsync();
        await rig.ConnectAsync("alice");
        await rig.ConnectAsync("bob");
        await using var api = new EchoingApi();
        using var provider = HostWith(rig, services => services
            .AddHttpClient<TypedGrokClient>(client => client.BaseAddress = new Uri(api.BaseUrl + "/"))
            .AddXaiGrokAuthentication((request, _) => request.Headers.TryGetValues("X-Test-User", out var values) ? values.Single() : null));
        var typed = provider.GetRequiredService<TypedGrokClient>();

        await typed.ModelsAsAsync("bob");
        await typed.ModelsAsAsync("alice");

        Assert.Equal([rig.AccessTokenOf("bob"), rig.AccessTokenOf("alice")], api.Bearers);
    }

    [Fact]
    public async Task CreateHttpHandler_InsideIHttpClientFactory_DoesNotThrowAndAuthenticates()
    {
        await using var rig = await Integration.Rig.StartAsync();
        var module = rig.NewModule();
        await rig.ConnectAsync(module);
        await using var api = new EchoingApi();
        var services = new ServiceCollection();
        services.AddHttpClient("single", client => client.BaseAddress = new Uri(api.BaseUrl + "/")).AddHttpMessageHandler(() => module.CreateHttpHandler());
        using var provider = services.BuildServiceProvider();

        using var response = await provider.GetRequiredService<IHttpClientFactory>().CreateClient("single").GetAsync("models", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(api.Bearers);
    }

    internal static IConfiguration Configuration(PlatformRig rig, params (string Key, string Value)[] extra) => new ConfigurationBuilder()
        .AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Grok:Issuer"] = rig.Emulator.Issuer,
            ["Grok:ClientId"] = "platform-client",
            ["Grok:ApiBaseUrl"] = rig.Emulator.ApiBaseUrl,
            ["Grok:StateRoot"] = rig.Root,
        }.Concat(extra.Select(pair => new KeyValuePair<string, string?>(pair.Key, pair.Value))))
        .Build();

    // The rig's platform, registered as a host would register it.
    private static ServiceProvider HostWith(PlatformRig rig, Action<IServiceCollection> add)
    {
        var services = new ServiceCollection();
        services.AddSingleton(rig.Platform);
        add(services);
        return services.BuildServiceProvider();
    }

    public sealed class TypedGrokClient(HttpClient client)
    {
        public async Task ModelsAsAsync(string user)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "models");
            request.Headers.Add("X-Test-User", user);
            using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }
}
