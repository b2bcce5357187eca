using Microsoft.Extensions.Time.Testing;
using System.Net;
using System.Text;
using Microsoft.Extensions.AI;
using XaiGrok.Onboarding.Credentials;
using XaiGrok.Onboarding.Http;
using XaiGrok.Onboarding.Runtime;
using XaiGrok.Onboarding.Tests.Support;
using Xunit;
using AiMessage = Microsoft.Extensions.AI.ChatMessage;

namespace XaiGrok.Onboarding.Tests.AI;

/// <summary>
/// The engine's failover from chat completions to the Responses API happens inside the client too. A stand-in
/// handler, as in the engine's own failover tests: no real model id makes the router and xAI disagree.
/// </summary>
public sealed class ChatClientFailoverTests
{
    private const string WrongLane = "{\"code\":\"invalid-argument\",\"error\":\"Multi Agent requests are not allowed on chat completions. Use the Responses API.\"}";
    private const string ResponsesAnswer = "{\"status\":\"completed\",\"output\":[{\"type\":\"message\",\"content\":[{\"type\":\"output_text\",\"text\":\"from responses\"}]}]}";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GetResponse_WrongLaneAnswer_FailsOverOnceToResponses()
    {
        var handler = new ScriptedHandler();
        using var home = new TestHome();
        using var grok = Connected(home, handler);
        using var client = grok.CreateChatClient();

        var response = await client.GetResponseAsync([new AiMessage(ChatRole.User, "hi")], new ChatOptions { ModelId = "grok-4.3" }, Ct);

        Assert.Equal("from responses", response.Text);
        Assert.Equal("responses", response.AdditionalProperties?["lane"]);
        Assert.Equal(true, response.AdditionalProperties?["failed_over"]);
        Assert.Equal(["/v1/chat/completions", "/v1/responses"], handler.Paths);
    }

    private static GrokOnboarding Connected(TestHome home, HttpMessageHandler handler)
    {
        var clock = new FakeTimeProvider();
        var options = new OnboardingOptions { Home = home.Path, ApiBaseUrl = new Uri("https://api.example.test/v1") };
        var runtime = new OnboardingRuntime(options, clock, new HttpLimits(), handler, environment: _ => null);
        runtime.EnsureHome();
        runtime.Session.Store.Write(new Credential
        {
            Source = CredentialSources.OAuth,
            AccessToken = "canary-access-token-0002",
            ExpiresAt = clock.GetUtcNow().AddHours(6),
            ObtainedAt = clock.GetUtcNow(),
        });
        return new GrokOnboarding(runtime);
    }

    private sealed class ScriptedHandler : HttpMessageHandler
    {
        public List<string> Paths { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var path = request.RequestUri!.AbsolutePath;
            Paths.Add(path);
            var (status, body) = path.EndsWith("/chat/completions", StringComparison.Ordinal) ? (HttpStatusCode.BadRequest, WrongLane) : (HttpStatusCode.OK, ResponsesAnswer);
            return Task.FromResult(new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") });
        }
    }
}
