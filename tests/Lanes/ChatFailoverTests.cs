using System.Net;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using XaiGrok.Onboarding.Credentials;
using XaiGrok.Onboarding.Http;
using XaiGrok.Onboarding.Runtime;
using XaiGrok.Onboarding.Tests.Support;
using Xunit;

namespace XaiGrok.Onboarding.Tests.Lanes;

/// <summary>
/// The failover from chat completions to the Responses API, with a fake handler: no real model id makes our router
/// and xAI disagree, so only a stand-in can answer "Multi Agent requests are not allowed" for a routed model.
/// </summary>
public sealed class ChatFailoverTests
{
    private const string WrongLane = "{\"code\":\"invalid-argument\",\"error\":\"Multi Agent requests are not allowed on chat completions. Use the Responses API.\"}";
    private const string ResponsesAnswer = "{\"status\":\"completed\",\"output\":[{\"type\":\"message\",\"content\":[{\"type\":\"output_text\",\"text\":\"from responses\"}]}]}";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Chat_WrongLaneAnswer_FailsOverOnceToResponses()
    {
        var handler = new ScriptedHandler(path => path.EndsWith("/chat/completions", StringComparison.Ordinal)
            ? (HttpStatusCode.BadRequest, WrongLane)
            : (HttpStatusCode.OK, ResponsesAnswer));
        using var home = new TestHome();
        using var grok = Connected(home, handler);

        var answer = await grok.ChatAsync("xai-grok/grok-4.3", [ChatMessage.User("hi")], cancellationToken: Ct);

        Assert.True(answer.Ok, answer.ToJson());
        Assert.Equal("responses", answer["lane"]);
        Assert.Equal("from responses", answer["content"]);
        Assert.Equal(true, answer["failed_over"]);
        Assert.Equal(["/v1/chat/completions", "/v1/responses"], handler.Paths);
    }

    [Fact]
    public async Task Chat_WrongLaneAnswerFromResponsesToo_DoesNotLoop()
    {
        var handler = new ScriptedHandler(_ => (HttpStatusCode.BadRequest, WrongLane));
        using var home = new TestHome();
        using var grok = Connected(home, handler);

        var answer = await grok.ChatAsync("xai-grok/grok-4.3", [ChatMessage.User("hi")], cancellationToken: Ct);

        Assert.Equal("invalid_request", answer.Error);
        Assert.Equal(2, handler.Paths.Count);
    }

    private static GrokOnboarding Connected(TestHome home, HttpMessageHandler handler)
    {
        var clock = new FakeTimeProvider();
        var options = new OnboardingOptions { Home = home.Path, ApiBaseUrl = new Uri("https://api.example.test/v1") };
        var runtime = new OnboardingRuntime(options, clock, new HttpLimits(), handler);
        runtime.EnsureHome();
        runtime.Session.Store.Write(new Credential
        {
            Source = CredentialSources.OAuth,
            AccessToken = "canary-access-token-0001",
            ExpiresAt = clock.GetUtcNow().AddHours(6),
            ObtainedAt = clock.GetUtcNow(),
        });
        return new GrokOnboarding(runtime);
    }

    private sealed class ScriptedHandler(Func<string, (HttpStatusCode Status, string Body)> answer) : HttpMessageHandler
    {
        public List<string> Paths { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var path = request.RequestUri!.AbsolutePath;
            Paths.Add(path);
            var (status, body) = answer(path);
            return Task.FromResult(new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") });
        }
    }
}
