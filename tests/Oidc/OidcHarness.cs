using Microsoft.Extensions.Time.Testing;
using XaiGrok.Onboarding.Discovery;
using XaiGrok.Onboarding.Http;
using XaiGrok.Onboarding.Oidc;
using XaiGrok.Onboarding.Tokens;

namespace XaiGrok.Onboarding.Tests.Oidc;

/// <summary>
/// The sign-in service composed as the runtime composes services, on a fake clock; <paramref name="handler"/>
/// replaces the network for unit tests (null: real loopback HTTP to the emulator).
/// </summary>
internal sealed class OidcHarness(FakeTimeProvider clock, HttpMessageHandler? handler = null) : IDisposable
{
    private readonly HttpClient client = HttpClientBuilder.Create(new HttpLimits(), handler);
    private readonly DiscoveryCache cache = new(clock, DiscoveryClient.DefaultTtl);

    public FakeTimeProvider Clock => clock;

    public OidcLoginService NewService()
    {
        var limits = new HttpLimits();
        var http = new HttpSender(client, new ResiliencePipelines(limits, clock), limits, clock);
        return new OidcLoginService(() => new DiscoveryClient(http, cache), () => new TokenEndpointClient(http), () => http, clock);
    }

    public void Dispose()
    {
        client.Dispose();
    }
}
