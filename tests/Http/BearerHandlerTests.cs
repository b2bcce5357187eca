using System.Net;
using System.Net.Http.Headers;
using System.Text;
using XaiGrok.Onboarding.Credentials;
using XaiGrok.Onboarding.Errors;
using XaiGrok.Onboarding.Http;
using Xunit;

namespace XaiGrok.Onboarding.Tests.Http;

/// <summary>
/// The refresh-once-and-retry-once rule, with a scripted inner handler standing for xAI and a counting credential
/// source: what is sent, how often, with which bearer, and what comes back.
/// </summary>
public sealed class BearerHandlerTests
{
    private const string First = "canary-access-token-first-0001";
    private const string Renewed = "canary-access-token-renewed-0002";
    private const string BadCredentials = """{"code":"unauthenticated:bad-credentials","error":"The OAuth token has expired."}""";
    private const string Entitlement = """{"code":"permission-denied","error":"You have run out of available resources"}""";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Send_401_RefreshesOnceAndRetriesWithTheNewBearer()
    {
        var (invoker, api, source) = Build(Answer(HttpStatusCode.Unauthorized), Answer(HttpStatusCode.OK, "{}"));

        using var response = await invoker.SendAsync(Post(source), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, source.Refreshes);
        Assert.Equal([First, Renewed], api.Bearers);
    }

    [Fact]
    public async Task Send_403BadCredentials_RefreshesOnceAndRetries()
    {
        var (invoker, api, source) = Build(Answer(HttpStatusCode.Forbidden, BadCredentials), Answer(HttpStatusCode.OK, "{}"));

        using var response = await invoker.SendAsync(Post(source), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, source.Refreshes);
        Assert.Equal([First, Renewed], api.Bearers);
    }

    [Fact]
    public async Task Send_Other403_NeverRefreshes_AndKeepsTheBodyForTheCaller()
    {
        var (invoker, api, source) = Build(Answer(HttpStatusCode.Forbidden, Entitlement));

        using var response = await invoker.SendAsync(Post(source), Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(Entitlement, await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(0, source.Refreshes);
        Assert.Single(api.Bearers);
    }

    [Fact]
    public async Task Send_403WithABodyPastTheCap_NeverRefreshes_AndTheCallerStillSeesItPastTheCap()
    {
        var huge = "{\"code\":\"unauthenticated:bad-credentials\",\"error\":\"" + new string('x', 4096) + "\"}";
        var (invoker, _, source) = Build(maxErrorBodyBytes: 1024, Answer(HttpStatusCode.Forbidden, huge, chunked: true));

        using var response = await invoker.SendAsync(Post(source), Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(0, source.Refreshes);
        Assert.True((await response.Content.ReadAsByteArrayAsync(Ct)).Length > 1024);
    }

    [Fact]
    public async Task Send_401AgainAfterTheRetry_DoesNotRefreshASecondTime()
    {
        var (invoker, api, source) = Build(Answer(HttpStatusCode.Unauthorized), Answer(HttpStatusCode.Unauthorized), Answer(HttpStatusCode.OK, "{}"));

        using var response = await invoker.SendAsync(Post(source), Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(1, source.Refreshes);
        Assert.Equal(2, api.Bearers.Count);
    }

    [Fact]
    public async Task Send_ApiKeyRejected_ReturnsTheAnswerAsIsWithoutARefresh()
    {
        var (invoker, api, source) = Build(Answer(HttpStatusCode.Unauthorized), Answer(HttpStatusCode.OK, "{}"));
        source.First = new Bearer("canary-api-key-0003", CredentialSources.ApiKey, null);

        using var request = Post(source);
        using var response = await invoker.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(0, source.Refreshes);
        Assert.Equal(["canary-api-key-0003"], api.Bearers);
        Assert.False(request.Options.TryGetValue(BearerRequestOptions.Failure, out _));
    }

    [Fact]
    public async Task Send_Retry_ResendsTheSameBody_EvenFromAStreamThatReadsOnce()
    {
        var (invoker, api, source) = Build(Answer(HttpStatusCode.Unauthorized), Answer(HttpStatusCode.OK, "{}"));
        var body = Encoding.UTF8.GetBytes("""{"model":"grok-4.3","messages":[{"role":"user","content":"hi"}]}""");
        using var request = Post(source);
        request.Content = new StreamContent(new ReadOnceStream(body));
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        using var response = await invoker.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, api.Bodies.Count);
        Assert.All(api.Bodies, sent => Assert.Equal(body, sent));
    }

    [Fact]
    public async Task Send_Success_LeavesTheAnswerUnread_SoAStreamStillStreams()
    {
        var stream = new ReadOnceStream(Encoding.UTF8.GetBytes("data: {}\n\n"));
        var (invoker, _, source) = Build(() => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(stream) });

        using var response = await invoker.SendAsync(Post(source), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(0, stream.BytesRead);
    }

    [Fact]
    public async Task Send_RefreshFails_ReturnsTheRefusal_AndRecordsTheFailureForTheSender()
    {
        var (invoker, api, source) = Build(Answer(HttpStatusCode.Unauthorized), Answer(HttpStatusCode.OK, "{}"));
        source.RefreshFailure = new Failure(ErrorCodes.ReauthRequired, "the refresh token was revoked.", Hints.LoginAgain);

        using var request = Post(source);
        using var response = await invoker.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Single(api.Bearers);
        Assert.True(request.Options.TryGetValue(BearerRequestOptions.Failure, out var failure));
        Assert.Equal(ErrorCodes.ReauthRequired, failure.Code);
    }

    [Fact]
    public async Task Send_NoCredential_AnswersA401ItselfWithTheReason_AndSendsNothing()
    {
        var (invoker, api, source) = Build(Answer(HttpStatusCode.OK, "{}"));
        source.ResolveFailure = new Failure(ErrorCodes.NotConnected, "there is no xAI session.", "Run start.");

        using var request = Post(source);
        using var response = await invoker.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("there is no xAI session. Run start.", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Empty(api.Bearers);
        Assert.True(request.Options.TryGetValue(BearerRequestOptions.Failure, out var failure));
        Assert.Equal(ErrorCodes.NotConnected, failure.Code);
    }

    [Fact]
    public async Task Send_WithoutASource_PassesUntouched()
    {
        HttpResponseMessage? answered = null;
        var (invoker, api, _) = Build(() => answered = Answer(HttpStatusCode.Unauthorized)());
        using var request = new HttpRequestMessage(HttpMethod.Post, "https://auth.example.test/oauth2/token") { Content = new FormUrlEncodedContent([new("grant_type", "refresh_token")]) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", "Y2xpZW50OnNlY3JldA==");

        using var response = await invoker.SendAsync(request, Ct);

        Assert.Same(answered, response);
        Assert.Equal(["Basic Y2xpZW50OnNlY3JldA=="], api.Authorizations);
        Assert.False(request.Options.TryGetValue(BearerRequestOptions.Failure, out _));
    }

    [Fact]
    public async Task Send_ReplacesTheBearerAClientPutThere()
    {
        var (invoker, api, source) = Build(Answer(HttpStatusCode.OK, "{}"));
        using var request = Post(source);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "placeholder-from-the-sdk");

        using var response = await invoker.SendAsync(request, Ct);

        Assert.Equal([First], api.Bearers);
    }

    private static (HttpMessageInvoker Invoker, ScriptedApi Api, CountingSource Source) Build(params Func<HttpResponseMessage>[] answers) =>
        Build(1024 * 1024, answers);

    private static (HttpMessageInvoker Invoker, ScriptedApi Api, CountingSource Source) Build(int maxErrorBodyBytes, params Func<HttpResponseMessage>[] answers)
    {
        var api = new ScriptedApi(answers);
        return (new HttpMessageInvoker(new BearerHandler(maxErrorBodyBytes) { InnerHandler = api }), api, new CountingSource());
    }

    private static HttpRequestMessage Post(IBearerSource source) =>
        new HttpRequestMessage(HttpMethod.Post, "https://api.example.test/v1/chat/completions") { Content = new StringContent("""{"model":"grok-4.3"}""", Encoding.UTF8, "application/json") }
            .Authenticated(source, "grok-4.3");

    private static Func<HttpResponseMessage> Answer(HttpStatusCode status, string? json = null, bool chunked = false) => () =>
    {
        var response = new HttpResponseMessage(status);
        if (json is not null)
        {
            // A stream of unknown length stands for a chunked answer: only a bounded read can tell how long it is.
            response.Content = chunked ? new StreamContent(new ReadOnceStream(Encoding.UTF8.GetBytes(json))) : new StringContent(json, Encoding.UTF8, "application/json");
            response.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        return response;
    };

    private static Credential Session(string token) => new()
    {
        Source = CredentialSources.OAuth,
        AccessToken = token,
        ExpiresAt = DateTimeOffset.UnixEpoch.AddDays(1),
        ObtainedAt = DateTimeOffset.UnixEpoch,
    };

    private sealed class CountingSource : IBearerSource
    {
        public Bearer First { get; set; } = new(BearerHandlerTests.First, CredentialSources.OAuth, Session(BearerHandlerTests.First));

        public Failure? ResolveFailure { get; set; }

        public Failure? RefreshFailure { get; set; }

        public int Refreshes { get; private set; }

        public Task<Outcome<Bearer>> ResolveAsync(string? upstreamModel, CancellationToken cancellationToken) =>
            Task.FromResult(ResolveFailure is { } failure ? failure : Outcome<Bearer>.Of(First));

        public Task<Outcome<Bearer>> RefreshAsync(Bearer rejected, CancellationToken cancellationToken)
        {
            Refreshes++;
            return Task.FromResult(RefreshFailure is { } failure ? failure : Outcome<Bearer>.Of(new Bearer(Renewed, CredentialSources.OAuth, Session(Renewed))));
        }
    }

    /// <summary>Answers from a script and records what each request carried, reading its body as a socket handler does.</summary>
    private sealed class ScriptedApi(Func<HttpResponseMessage>[] answers) : HttpMessageHandler
    {
        private int next;

        public List<string> Authorizations { get; } = [];

        public List<string> Bearers { get; } = [];

        public List<byte[]> Bodies { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Authorizations.Add(request.Headers.Authorization?.ToString() ?? "");
            if (request.Headers.Authorization is { Scheme: "Bearer", Parameter: { } bearer })
            {
                Bearers.Add(bearer);
            }

            if (request.Content is { } content)
            {
                using var sent = new MemoryStream();
                await content.CopyToAsync(sent, cancellationToken);
                Bodies.Add(sent.ToArray());
            }

            return answers[next++]();
        }
    }

    /// <summary>A body that cannot seek, so a <see cref="StreamContent"/> over it can be sent once, and that says how much was read.</summary>
    private sealed class ReadOnceStream(byte[] bytes) : Stream
    {
        private int position;

        public int BytesRead => position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = Math.Min(count, bytes.Length - position);
            Array.Copy(bytes, position, buffer, offset, n);
            position += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
