using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using XaiGrok.Emulator;
using XaiGrok.Onboarding.Tests.Support;
using Xunit;

namespace XaiGrok.Onboarding.Tests.Samples;

/// <summary>
/// samples/PlatformHost against its contract (its README): the built host as a real process, configured by
/// <c>Grok__*</c> variables, against the emulator, over HTTP on 127.0.0.1. Every answer is checked for secrets by the rig.
/// </summary>
public sealed class PlatformHostTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task OneUser_ConnectsChatsIsListedAndIsDeleted()
    {
        await using var rig = await PlatformHostRig.StartAsync();

        var (health, healthy) = await rig.GetAsync("healthz");
        Assert.Equal(HttpStatusCode.OK, health);
        Assert.True(healthy.GetProperty("ok").GetBoolean());

        var (_, before) = await rig.GetAsync("users/alice/status");
        Assert.False(before.GetProperty("connected").GetBoolean());
        Assert.Equal(JsonValueKind.Null, before.GetProperty("tier").ValueKind);

        var (connectStatus, started) = await rig.PostAsync("users/alice/connect");
        Assert.Equal(HttpStatusCode.OK, connectStatus);
        Assert.True(started.GetProperty("ok").GetBoolean());
        Assert.StartsWith("p-", started.GetProperty("pending_id").GetString(), StringComparison.Ordinal);
        var userCode = started.GetProperty("user_code").GetString()!;
        Assert.Contains(Uri.EscapeDataString(userCode), started.GetProperty("verification_url_with_code").GetString(), StringComparison.Ordinal);
        Assert.True(started.GetProperty("expires_in_seconds").GetInt64() > 0);

        var (pendingStatus, pending) = await rig.PostAsync("users/alice/poll");
        Assert.Equal(HttpStatusCode.OK, pendingStatus);
        Assert.Equal("pending", pending.GetProperty("status").GetString());

        rig.Emulator.Control.Approve(userCode, 5, "xai-account-alice");
        var connected = await PollUntilConnectedAsync(rig, "alice");
        Assert.Equal(5, connected.GetProperty("tier").GetInt32());

        var (_, status) = await rig.GetAsync("users/alice/status");
        Assert.True(status.GetProperty("connected").GetBoolean());
        Assert.Equal("oauth", status.GetProperty("source").GetString());
        Assert.Equal(5, status.GetProperty("tier").GetInt32());
        Assert.Equal("xai-account-alice", status.GetProperty("subject").GetString());

        var (chatStatus, chat) = await rig.PostAsync("users/alice/chat", """{"message": "Say hello."}""");
        Assert.Equal(HttpStatusCode.OK, chatStatus);
        Assert.True(chat.GetProperty("ok").GetBoolean(), chat.ToString());
        Assert.False(string.IsNullOrEmpty(chat.GetProperty("content").GetString()));
        Assert.Equal("chat_completions", chat.GetProperty("lane").GetString());
        Assert.Equal("xai-grok/grok-4.3", chat.GetProperty("model").GetString());

        var (_, multi) = await rig.PostAsync("users/alice/chat", """{"message": "Plan a trip.", "model": "xai-grok/grok-4.20-multi-agent-0309"}""");
        Assert.True(multi.GetProperty("ok").GetBoolean(), multi.ToString());
        Assert.Equal("responses", multi.GetProperty("lane").GetString());

        rig.Emulator.Control.AddFault(new EmulatorFault("/v1/chat/completions") { Status = 429, RetryAfter = "600" });
        var (limited, limitedFailure, retryAfter) = await rig.SendReadingRetryAfterAsync(HttpMethod.Post, "users/alice/chat", """{"message": "Again."}""");
        Assert.Equal(HttpStatusCode.TooManyRequests, limited);
        AssertFailure(limitedFailure, "rate_limited");
        Assert.Equal("600", retryAfter);

        var (_, listed) = await rig.GetAsync("users");
        var user = Assert.Single(listed.GetProperty("users").EnumerateArray());
        Assert.Equal("alice", user.GetProperty("user_id").GetString());
        Assert.Equal("xai-account-alice", user.GetProperty("subject").GetString());

        var (deleteStatus, deleted) = await rig.SendAsync(HttpMethod.Delete, "users/alice");
        Assert.Equal(HttpStatusCode.OK, deleteStatus);
        Assert.Equal("logged_out", deleted.GetProperty("status").GetString());

        var (_, after) = await rig.GetAsync("users/alice/status");
        Assert.False(after.GetProperty("connected").GetBoolean());
        var (afterChatStatus, afterChat) = await rig.PostAsync("users/alice/chat", """{"message": "Still there?"}""");
        Assert.Equal(HttpStatusCode.Conflict, afterChatStatus);
        AssertFailure(afterChat, "not_connected");
        var (_, none) = await rig.GetAsync("users");
        Assert.Empty(none.GetProperty("users").EnumerateArray());
    }

    [Fact]
    public async Task TwoUsers_ConnectingAtOnce_KeepTheirOwnAccounts()
    {
        await using var rig = await PlatformHostRig.StartAsync();

        var both = await Task.WhenAll(rig.ConnectAsync("bob", tier: 3, subject: "xai-account-bob"), rig.ConnectAsync("carol", tier: 5, subject: "xai-account-carol"));
        Assert.Equal([3, 5], both.Select(polled => polled.GetProperty("tier").GetInt32()));

        var (_, bob) = await rig.GetAsync("users/bob/status");
        var (_, carol) = await rig.GetAsync("users/carol/status");
        Assert.Equal(("xai-account-bob", 3), (bob.GetProperty("subject").GetString(), bob.GetProperty("tier").GetInt32()));
        Assert.Equal(("xai-account-carol", 5), (carol.GetProperty("subject").GetString(), carol.GetProperty("tier").GetInt32()));

        var chats = await Task.WhenAll(rig.PostAsync("users/bob/chat", """{"message": "one"}"""), rig.PostAsync("users/carol/chat", """{"message": "two"}"""));
        Assert.All(chats, chat => Assert.True(chat.Json.GetProperty("ok").GetBoolean(), chat.Json.ToString()));

        var (_, listed) = await rig.GetAsync("users");
        Assert.Equal(
            ["bob:xai-account-bob", "carol:xai-account-carol"],
            listed.GetProperty("users").EnumerateArray().Select(u => $"{u.GetProperty("user_id").GetString()}:{u.GetProperty("subject").GetString()}").Order(StringComparer.Ordinal));

        await rig.SendAsync(HttpMethod.Delete, "users/bob");
        var (_, bobAfter) = await rig.GetAsync("users/bob/status");
        var (_, carolAfter) = await rig.GetAsync("users/carol/status");
        Assert.False(bobAfter.GetProperty("connected").GetBoolean());
        Assert.True(carolAfter.GetProperty("connected").GetBoolean());
    }

    [Fact]
    public async Task AnApiKeyInTheHostsEnvironment_NeverServesAUserWhoDidNotConnect()
    {
        const string hostKey = "xai-CANARYHOSTKEY0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUV";
        await using var rig = await PlatformHostRig.StartAsync(new Dictionary<string, string?>
        {
            ["XAI_API_KEY"] = hostKey,
            ["XAI_OAUTH_CLIENT_ID"] = "not-the-platforms-client",
        });
        rig.Canaries["host API key"] = hostKey;

        var (_, status) = await rig.GetAsync("users/dave/status");
        Assert.False(status.GetProperty("connected").GetBoolean());
        Assert.Equal("none", status.GetProperty("source").GetString());

        var (chatStatus, chat) = await rig.PostAsync("users/dave/chat", """{"message": "Bill the platform?"}""");
        Assert.Equal(HttpStatusCode.Conflict, chatStatus);
        AssertFailure(chat, "not_connected");

        // The hint speaks of this API, not of the CLI's `start` or of an API key, which the host would never use.
        Assert.Contains("POST /users/dave/connect", chat.GetProperty("hint").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("API key", chat.GetProperty("hint").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("POST /users/dave/connect", status.GetProperty("hint").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, rig.Emulator.Control.Count("/v1/chat/completions"));
        Assert.Equal(0, rig.Emulator.Control.Count("/v1/responses"));

        // The platform's client id is the configuration's, not the CLI variable's: a sign-in still starts.
        var (connectStatus, _) = await rig.PostAsync("users/dave/connect");
        Assert.Equal(HttpStatusCode.OK, connectStatus);
    }

    [Fact]
    public async Task BadUserIdsAndBodies_GetTypedFailures_AndTouchNoFolder()
    {
        await using var rig = await PlatformHostRig.StartAsync();

        foreach (var path in new[] { "users/a%2Fb/connect", "users/a%2fb/status", "users/a%5Cb/connect", "users/a%E2%88%95b/connect", "users/a%09b/status", $"users/{new string('x', 257)}/connect", "users/%2E%2E%2F/connect" })
        {
            var method = path.EndsWith("/status", StringComparison.Ordinal) ? HttpMethod.Get : HttpMethod.Post;
            var (status, failure) = await rig.SendAsync(method, path);
            Assert.True(status == HttpStatusCode.BadRequest, $"{path}: {(int)status} {failure}");
            AssertFailure(failure, "invalid_request");
        }

        // ".." never reaches a handler as an id: the server removes dot segments first, and the rest is no route.
        var dotDot = await RawAsync(rig.Http.BaseAddress!, "GET /users/../status HTTP/1.1\r\n");
        Assert.StartsWith("HTTP/1.1 404", dotDot, StringComparison.Ordinal);
        Assert.Contains("\"error\":\"not_found\"", dotDot, StringComparison.Ordinal);

        foreach (var body in new[] { "not json", "[1]", """{"model": "xai-grok/grok-4.3"}""", """{"message": ""}""", """{"message": "hi", "model": 7}""" })
        {
            var (status, failure) = await rig.PostAsync("users/erin/chat", body);
            Assert.True(status == HttpStatusCode.BadRequest, $"{body}: {(int)status} {failure}");
            AssertFailure(failure, "invalid_request");
        }

        // A body announced bigger than the host reads is refused before it is sent (written by hand: a client sending
        // the whole body would meet a closed connection).
        var tooBig = await RawAsync(rig.Http.BaseAddress!, $"POST /users/erin/chat HTTP/1.1\r\nContent-Type: application/json\r\nContent-Length: {2 * 1024 * 1024}\r\n", "{\"message\": \"");
        Assert.StartsWith("HTTP/1.1 413", tooBig, StringComparison.Ordinal);
        Assert.Contains("\"error\":\"invalid_request\"", tooBig, StringComparison.Ordinal);

        var (wrongMethod, wrongMethodFailure) = await rig.GetAsync("users/erin/connect");
        Assert.Equal(HttpStatusCode.MethodNotAllowed, wrongMethod);
        AssertFailure(wrongMethodFailure, "method_not_allowed");

        Assert.False(Directory.Exists(rig.StateRoot) && Directory.EnumerateFileSystemEntries(rig.StateRoot).Any(), "a refused request created state");
    }

    [Fact]
    public async Task EarlyRefreshSeconds_FromTheConfiguration_DecidesWhenATokenIsRefreshed()
    {
        // Tokens live an hour; a window of two hours makes every token due at once, the default (300 s) none.
        await using var rig = await PlatformHostRig.StartAsync(new Dictionary<string, string?> { ["Grok__EarlyRefreshSeconds"] = "7200" }, accessTokenLifetimeSeconds: 3600);
        await rig.ConnectAsync("gina", tier: 5, subject: "xai-account-gina");
        Assert.Equal(0, rig.Emulator.Control.Count("grant:refresh_token"));

        var (status, chat) = await rig.PostAsync("users/gina/chat", """{"message": "Fresh?"}""");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(chat.GetProperty("ok").GetBoolean(), chat.ToString());
        Assert.True(rig.Emulator.Control.Count("grant:refresh_token") >= 1, "the chat did not refresh the token that the configured window made due");
    }

    [Fact]
    public async Task AMissingClientId_IsInvalidConfiguration_With500()
    {
        await using var rig = await PlatformHostRig.StartAsync(new Dictionary<string, string?> { ["Grok__ClientId"] = null, ["XAI_OAUTH_CLIENT_ID"] = "cli-only-client" });

        var (status, failure) = await rig.PostAsync("users/frank/connect");

        Assert.Equal(HttpStatusCode.InternalServerError, status);
        Assert.Contains(failure.GetProperty("error").GetString(), new[] { "invalid_configuration", "client_not_configured" });
        Assert.False(string.IsNullOrEmpty(failure.GetProperty("hint").GetString()));
    }

    [Fact]
    public void TheLibrary_GrantsTheSampleNoInternals()
    {
        var friends = typeof(GrokPlatform).Assembly.GetCustomAttributes<InternalsVisibleToAttribute>().Select(a => a.AssemblyName);

        Assert.DoesNotContain("PlatformHost", friends);
    }

    private static async Task<JsonElement> PollUntilConnectedAsync(PlatformHostRig rig, string user)
    {
        for (var attempt = 0; attempt < 60; attempt++)
        {
            // The emulator refuses a poll before its 1 s interval; a poll the host sends earlier says pending.
            await Task.Delay(TimeSpan.FromSeconds(1.05), Ct);
            var (status, polled) = await rig.PostAsync($"users/{user}/poll");
            Assert.True(status == HttpStatusCode.OK, polled.ToString());
            if (polled.GetProperty("status").GetString() == "connected")
            {
                return polled;
            }
        }

        throw new TimeoutException("the sign-in did not connect within 60 polls");
    }

    private static void AssertFailure(JsonElement failure, string error)
    {
        Assert.False(failure.GetProperty("ok").GetBoolean());
        Assert.Equal(error, failure.GetProperty("error").GetString());
        Assert.False(string.IsNullOrEmpty(failure.GetProperty("detail").GetString()), failure.ToString());
        Assert.False(string.IsNullOrEmpty(failure.GetProperty("hint").GetString()), failure.ToString());
    }

    /// <summary>A request written by hand (its request line and headers, then a body), so no client changes it.</summary>
    private static async Task<string> RawAsync(Uri address, string head, string body = "")
    {
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        bound.CancelAfter(TimeSpan.FromSeconds(60));
        using var client = new TcpClient();
        await client.ConnectAsync(address.Host, address.Port, bound.Token);
        await using var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"{head}Host: {address.Authority}\r\nConnection: close\r\n\r\n{body}"), bound.Token);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return await reader.ReadToEndAsync(bound.Token);
    }
}
