using System.Net;
using Microsoft.Extensions.Time.Testing;
using XaiGrok.Onboarding.Errors;
using XaiGrok.Onboarding.Oidc;
using XaiGrok.Onboarding.Tests.Support;
using Xunit;

namespace XaiGrok.Onboarding.Tests.Oidc;

public sealed class LoopbackRedirectListenerTests
{
    private const string State = "expected-state-0123456789";
    private const string Code = "authorization-code-0123456789";
    private static readonly TimeSpan Wait = TimeSpan.FromMinutes(5);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Uri Callback(LoopbackRedirectListener listener, string query) => new(listener.RedirectUri + "?" + query);

    [Fact]
    public async Task Start_BindsLoopbackIpOnARandomPort_WithTheCallbackPath()
    {
        await using var listener = LoopbackRedirectListener.Start(State, new FakeTimeProvider());

        Assert.Equal("127.0.0.1", listener.RedirectUri.Host);
        Assert.Equal("/callback", listener.RedirectUri.AbsolutePath);
        Assert.NotEqual(0, listener.RedirectUri.Port);
    }

    [Fact]
    public async Task Callback_WithCodeAndState_ReturnsTheCodeAndShowsTheClosePage()
    {
        await using var listener = LoopbackRedirectListener.Start(State, new FakeTimeProvider());
        using var browser = Loopback.NewBrowser();

        using var page = await browser.GetAsync(Callback(listener, $"code={Code}&state={State}"), Ct);
        var outcome = await listener.WaitForCodeAsync(Wait, Ct);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("close this window", await page.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal("no-store", page.Headers.CacheControl?.ToString());
        Assert.True(outcome.IsSuccess);
        Assert.Equal(Code, outcome.Value);
    }

    [Fact]
    public async Task Callback_WrongState_Is400AndCounted_ThenTheRightStateIsAccepted()
    {
        await using var listener = LoopbackRedirectListener.Start(State, new FakeTimeProvider());
        using var browser = Loopback.NewBrowser();

        var wrong = await Loopback.GetStatusAsync(browser, Callback(listener, $"code=forged-code-123456&state=other-state"), Ct);
        var missing = await Loopback.GetStatusAsync(browser, Callback(listener, "code=forged-code-123456"), Ct);
        var right = await Loopback.GetStatusAsync(browser, Callback(listener, $"code={Code}&state={State}"), Ct);
        var outcome = await listener.WaitForCodeAsync(Wait, Ct);

        Assert.Equal([HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.OK], new[] { wrong, missing, right });
        Assert.Equal(2, listener.RejectedAttempts);
        Assert.Equal(Code, outcome.Value);
    }

    [Fact]
    public async Task Callback_RepeatedState_IsRejected()
    {
        await using var listener = LoopbackRedirectListener.Start(State, new FakeTimeProvider());
        using var browser = Loopback.NewBrowser();

        var status = await Loopback.GetStatusAsync(browser, Callback(listener, $"code={Code}&state={State}&state={State}"), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(1, listener.RejectedAttempts);
    }

    [Fact]
    public async Task Callback_TooManyWrongStates_StopsTheSignIn()
    {
        await using var listener = LoopbackRedirectListener.Start(State, new FakeTimeProvider());
        using var browser = Loopback.NewBrowser();

        for (var i = 0; i < LoopbackRedirectListener.MaxRejectedAttempts; i++)
        {
            Assert.Equal(HttpStatusCode.BadRequest, await Loopback.GetStatusAsync(browser, Callback(listener, $"code=x&state=wrong-{i}"), Ct));
        }

        var outcome = await listener.WaitForCodeAsync(Wait, Ct);

        Assert.False(outcome.IsSuccess);
        Assert.Equal(ErrorCodes.OAuthError, outcome.Failure.Code);
        Assert.Contains("wrong state", outcome.Failure.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OtherPath_Is404_AndTheListenerKeepsWaiting()
    {
        await using var listener = LoopbackRedirectListener.Start(State, new FakeTimeProvider());
        using var browser = Loopback.NewBrowser();

        var other = await Loopback.GetStatusAsync(browser, new Uri($"http://127.0.0.1:{listener.RedirectUri.Port}/favicon.ico"), Ct);
        var right = await Loopback.GetStatusAsync(browser, Callback(listener, $"code={Code}&state={State}"), Ct);

        Assert.Equal(HttpStatusCode.NotFound, other);
        Assert.Equal(HttpStatusCode.OK, right);
        Assert.Equal(0, listener.RejectedAttempts);
        Assert.Equal(Code, (await listener.WaitForCodeAsync(Wait, Ct)).Value);
    }

    [Fact]
    public async Task Post_Is405()
    {
        await using var listener = LoopbackRedirectListener.Start(State, new FakeTimeProvider());
        using var browser = Loopback.NewBrowser();

        using var response = await browser.PostAsync(Callback(listener, $"code={Code}&state={State}"), new StringContent(""), Ct);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }

    [Fact]
    public async Task SecondRequest_AfterCompletion_FindsTheListenerClosed()
    {
        await using var listener = LoopbackRedirectListener.Start(State, new FakeTimeProvider());
        using var browser = Loopback.NewBrowser();
        var url = Callback(listener, $"code={Code}&state={State}");

        Assert.Equal(HttpStatusCode.OK, await Loopback.GetStatusAsync(browser, url, Ct));
        Assert.True((await listener.WaitForCodeAsync(Wait, Ct)).IsSuccess);

        using var fresh = Loopback.NewBrowser();
        await Assert.ThrowsAsync<HttpRequestException>(() => fresh.GetAsync(url, Ct));
    }

    [Fact]
    public async Task ErrorRedirect_WithTheState_FinishesWithTheErrorHtmlEncoded()
    {
        await using var listener = LoopbackRedirectListener.Start(State, new FakeTimeProvider());
        using var browser = Loopback.NewBrowser();

        using var page = await browser.GetAsync(Callback(listener, $"error=%3Cb%3Edenied&error_description=no+way&state={State}"), Ct);
        var html = await page.Content.ReadAsStringAsync(Ct);
        var outcome = await listener.WaitForCodeAsync(Wait, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
        Assert.Contains("&lt;b&gt;denied", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>", html, StringComparison.Ordinal);
        Assert.Equal(ErrorCodes.OAuthError, outcome.Failure!.Code);
        Assert.Equal("<b>denied", outcome.Failure.ServerError);
    }

    [Theory]
    [InlineData(LoopbackRedirectListener.MaxWaitingConnections)]
    [InlineData(50)]
    public async Task Callback_WhileIdleConnectionsAreHeldOpen_IsStillServed(int idle)
    {
        await using var listener = LoopbackRedirectListener.Start(State, new FakeTimeProvider());
        var held = new List<System.Net.Sockets.TcpClient>();
        try
        {
            for (var i = 0; i < idle; i++)
            {
                var connection = new System.Net.Sockets.TcpClient();
                held.Add(connection);
                await connection.ConnectAsync(IPAddress.Loopback, listener.RedirectUri.Port, Ct);

                // Half say nothing (a browser's spare connection), half stop in the middle of a request line.
                if (i % 2 == 1)
                {
                    await connection.GetStream().WriteAsync("GET /callback?code=held"u8.ToArray(), Ct);
                }
            }

            using var browser = Loopback.NewBrowser();
            using var page = await browser.GetAsync(Callback(listener, $"code={Code}&state={State}"), Ct);
            var outcome = await listener.WaitForCodeAsync(Wait, Ct);

            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Equal(Code, outcome.Value);
        }
        finally
        {
            held.ForEach(connection => connection.Dispose());
        }
    }

    [Fact]
    public async Task IdleConnection_IsClosedWhenItsTimeoutPassesOnTheInjectedClock()
    {
        var clock = new WatchedFakeTimeProvider();
        await using var listener = LoopbackRedirectListener.Start(State, clock);
        using var idle = new System.Net.Sockets.TcpClient();
        await idle.ConnectAsync(IPAddress.Loopback, listener.RedirectUri.Port, Ct);

        // The connection's timer exists once the listener took the connection; then time may pass.
        using (var accepted = CancellationTokenSource.CreateLinkedTokenSource(Ct))
        {
            accepted.CancelAfter(TimeSpan.FromSeconds(30));
            while (clock.ActiveTimers == 0)
            {
                await Task.Delay(10, accepted.Token);
            }
        }

        var read = idle.GetStream().ReadAsync(new byte[1], Ct).AsTask();
        clock.Advance(LoopbackRedirectListener.ConnectionTimeout - TimeSpan.FromSeconds(1));
        Assert.False(read.IsCompleted);
        clock.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(0, await read.WaitAsync(TimeSpan.FromSeconds(30), Ct));
    }

    [Fact]
    public async Task WaitForCode_NothingArrives_TimesOutOnTheInjectedClock()
    {
        var clock = new FakeTimeProvider();
        await using var listener = LoopbackRedirectListener.Start(State, clock);

        var waiting = listener.WaitForCodeAsync(Wait, Ct);
        clock.Advance(Wait - TimeSpan.FromSeconds(1));
        Assert.False(waiting.IsCompleted);
        clock.Advance(TimeSpan.FromSeconds(1));
        var outcome = await waiting;

        Assert.Equal(ErrorCodes.Expired, outcome.Failure!.Code);
    }

    [Fact]
    public async Task WaitForCode_Cancelled_Throws()
    {
        await using var listener = LoopbackRedirectListener.Start(State, new FakeTimeProvider());
        using var cancel = new CancellationTokenSource();

        var waiting = listener.WaitForCodeAsync(Wait, cancel.Token);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
    }

    [Theory]
    [InlineData("GET /callback?code=a&state=b HTTP/1.1\r\nHost: x\r\n\r\n", "GET", "/callback", 2)]
    [InlineData("GET /callback?code=a+b%2Bc HTTP/1.1\r\n\r\n", "GET", "/callback", 1)]
    [InlineData("GET / HTTP/1.0\r\n\r\n", "GET", "/", 0)]
    public void CallbackRequest_WellFormed_IsParsed(string head, string method, string path, int parameters)
    {
        var request = CallbackRequest.TryParse(System.Text.Encoding.ASCII.GetBytes(head));

        Assert.NotNull(request);
        Assert.Equal((method, path, parameters), (request.Method, request.Path, request.Query.Count));
    }

    [Theory]
    [InlineData("GET /callback HTTP/2\r\n\r\n")]
    [InlineData("GET http://evil/callback HTTP/1.1\r\n\r\n")]
    [InlineData("GET  /callback HTTP/1.1\r\n\r\n")]
    [InlineData("GET /call\u00e9back HTTP/1.1\r\n\r\n")]
    [InlineData("\r\n\r\n")]
    public void CallbackRequest_Malformed_IsNull(string head) =>
        Assert.Null(CallbackRequest.TryParse(System.Text.Encoding.UTF8.GetBytes(head)));

    [Fact]
    public void CallbackRequest_DecodesFormEncoding() =>
        Assert.Equal("a b+c", CallbackRequest.TryParse("GET /callback?code=a+b%2Bc HTTP/1.1\r\n\r\n"u8)!.Parameter("code"));
}
