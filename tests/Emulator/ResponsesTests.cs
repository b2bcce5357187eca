using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using XaiGrok.Emulator;
using Xunit;

namespace XaiGrok.Onboarding.Tests.Emulator;

public sealed class ResponsesTests
{
    private const string Path = "/v1/responses";
    private const string MultiAgent = "grok-4.20-multi-agent-0309";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static JsonObject Request(string model = MultiAgent, string? effort = null, bool stream = false)
    {
        var request = new JsonObject
        {
            ["model"] = model,
            ["instructions"] = "answer in one line",
            ["input"] = new JsonArray(
                new JsonObject { ["role"] = "user", ["content"] = "first" },
                new JsonObject { ["type"] = "message", ["role"] = "assistant", ["content"] = new JsonArray(new JsonObject { ["type"] = "output_text", ["text"] = "ok then" }) },
                new JsonObject { ["role"] = "user", ["content"] = new JsonArray(new JsonObject { ["type"] = "input_text", ["text"] = "what is" }, new JsonObject { ["type"] = "input_text", ["text"] = "up?" }) }),
            ["stream"] = stream,
        };
        if (effort is not null)
        {
            request["reasoning"] = new JsonObject { ["effort"] = effort };
        }

        return request;
    }

    [Fact]
    public async Task Responses_NonStream_HasReasoningAndMessageItemsAndUsage()
    {
        var clock = new FakeTimeProvider();
        await using var emulator = await XaiEmulator.StartAsync(new EmulatorOptions { TimeProvider = clock }, Ct);
        using var chat = new ChatHttp(emulator);

        var (status, body) = await chat.PostAsync(Path, await chat.TokenAsync(tier: 5), Request(effort: "high"));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.StartsWith("resp_", body["id"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(("response", "completed", MultiAgent), (body["object"]!.GetValue<string>(), body["status"]!.GetValue<string>(), body["model"]!.GetValue<string>()));
        Assert.Equal(clock.GetUtcNow().ToUnixTimeSeconds(), body["created_at"]!.GetValue<long>());
        var output = body["output"]!.AsArray();
        Assert.Equal(2, output.Count);
        Assert.Equal("reasoning", output[0]!["type"]!.GetValue<string>());
        Assert.StartsWith("rs_", output[0]!["id"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty(output[0]!["summary"]!.AsArray());
        var message = output[1]!;
        Assert.Equal(("message", "assistant", "completed"), (message["type"]!.GetValue<string>(), message["role"]!.GetValue<string>(), message["status"]!.GetValue<string>()));
        Assert.StartsWith("msg_", message["id"]!.GetValue<string>(), StringComparison.Ordinal);
        var part = Assert.Single(message["content"]!.AsArray())!;
        Assert.Equal("output_text", part["type"]!.GetValue<string>());
        Assert.Equal($"Echo from {MultiAgent}: what is up?", part["text"]!.GetValue<string>());
        Assert.Empty(part["annotations"]!.AsArray());
        var usage = body["usage"]!;
        // Input: instructions 4 + "first" 1 + "ok then" 2 + "what is" 2 + "up?" 1; output: 6 words.
        Assert.Equal((10, 6, 16), (usage["input_tokens"]!.GetValue<int>(), usage["output_tokens"]!.GetValue<int>(), usage["total_tokens"]!.GetValue<int>()));
        Assert.Equal(256, usage["output_tokens_details"]!["reasoning_tokens"]!.GetValue<int>());
    }

    [Fact]
    public async Task Responses_PlainModelAndStringInput_HasOnlyTheMessageItem()
    {
        await using var emulator = await XaiEmulator.StartAsync(ct: Ct);
        using var chat = new ChatHttp(emulator);
        var request = new JsonObject { ["model"] = "grok-4.3", ["input"] = "  say   hi " };

        var (status, body) = await chat.PostAsync(Path, await chat.TokenAsync(tier: 1), request);

        Assert.Equal(HttpStatusCode.OK, status);
        var message = Assert.Single(body["output"]!.AsArray())!;
        Assert.Equal("Echo from grok-4.3:   say   hi ", message["content"]![0]!["text"]!.GetValue<string>());
        Assert.Equal((2, 0), (body["usage"]!["input_tokens"]!.GetValue<int>(), body["usage"]!["output_tokens_details"]!["reasoning_tokens"]!.GetValue<int>()));
    }

    [Theory]
    [InlineData(null, 64)]
    [InlineData("low", 16)]
    [InlineData("medium", 64)]
    [InlineData("high", 256)]
    public async Task Responses_ReasoningTokens_FollowTheEffort(string? effort, int expected)
    {
        await using var emulator = await XaiEmulator.StartAsync(ct: Ct);
        using var chat = new ChatHttp(emulator);

        var (_, body) = await chat.PostAsync(Path, await chat.TokenAsync(tier: 5), Request(effort: effort));

        Assert.Equal(expected, body["usage"]!["output_tokens_details"]!["reasoning_tokens"]!.GetValue<int>());
    }

    [Fact]
    public async Task Responses_UnknownEffort_Answers400()
    {
        await using var emulator = await XaiEmulator.StartAsync(ct: Ct);
        using var chat = new ChatHttp(emulator);

        var (status, body) = await chat.PostAsync(Path, await chat.TokenAsync(tier: 5), Request(effort: "max"));

        Assert.Equal((HttpStatusCode.BadRequest, "invalid-argument"), (status, body["code"]!.GetValue<string>()));
        Assert.Contains("reasoning.effort", body["error"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Responses_Stream_EmitsTypedEventsInOrderEndingWithCompleted()
    {
        await using var emulator = await XaiEmulator.StartAsync(ct: Ct);
        using var chat = new ChatHttp(emulator);

        using var response = await chat.SendAsync(Path, await chat.TokenAsync(tier: 5), Request(stream: true));
        var (events, failed) = await ChatHttp.ReadEventsAsync(response);

        Assert.False(failed);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.All(events, e => Assert.Equal(e.Name, e.Json["type"]!.GetValue<string>()));
        Assert.DoesNotContain(events, e => e.Data == "[DONE]");
        string[] deltas = ["Echo ", "from ", $"{MultiAgent}: ", "what ", "is ", "up?"];
        Assert.Equal(
            [
                "response.created", "response.output_item.added", "response.content_part.added",
                .. deltas.Select(_ => "response.output_text.delta"),
                "response.output_text.done", "response.output_item.done", "response.completed",
            ],
            events.Select(e => e.Name));
        var created = events[0].Json["response"]!;
        Assert.Equal(("in_progress", 0), (created["status"]!.GetValue<string>(), created["output"]!.AsArray().Count));
        var deltaEvents = events.Where(e => e.Name == "response.output_text.delta").Select(e => e.Json).ToList();
        Assert.Equal(deltas, deltaEvents.Select(d => d["delta"]!.GetValue<string>()));
        Assert.All(deltaEvents, d => Assert.Equal((1, 0), (d["output_index"]!.GetValue<int>(), d["content_index"]!.GetValue<int>())));
        var text = string.Concat(deltaEvents.Select(d => d["delta"]!.GetValue<string>()));
        Assert.Equal($"Echo from {MultiAgent}: what is up?", text);
        Assert.Equal(text, events[^3].Json["text"]!.GetValue<string>());
        var completed = events[^1].Json["response"]!;
        Assert.Equal(created["id"]!.GetValue<string>(), completed["id"]!.GetValue<string>());
        Assert.Equal("completed", completed["status"]!.GetValue<string>());
        Assert.Equal(16, completed["usage"]!["total_tokens"]!.GetValue<int>());
        Assert.Equal(64, completed["usage"]!["output_tokens_details"]!["reasoning_tokens"]!.GetValue<int>());
        Assert.Equal(text, completed["output"]![1]!["content"]![0]!["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task Responses_CutStreamAfterEvents_EndsBeforeCompleted()
    {
        await using var emulator = await XaiEmulator.StartAsync(ct: Ct);
        using var chat = new ChatHttp(emulator);
        var token = await chat.TokenAsync(tier: 5);
        emulator.Control.AddFault(new EmulatorFault(Path) { CutStreamAfterEvents = 4 });

        using var response = await chat.SendAsync(Path, token, Request(stream: true));
        var (events, failed) = await ChatHttp.ReadEventsAsync(response);

        Assert.True(failed);
        Assert.Equal(["response.created", "response.output_item.added", "response.content_part.added", "response.output_text.delta"], events.Select(e => e.Name));
    }

    [Fact]
    public async Task Responses_CutStream_IsAlsoAvailableOverHttpControl()
    {
        await using var emulator = await XaiEmulator.StartAsync(ct: Ct);
        using var chat = new ChatHttp(emulator);
        var token = await chat.TokenAsync(tier: 5);
        using var fault = await chat.Client.PostAsJsonAsync("/_emulator/faults", new JsonObject { ["path_prefix"] = Path, ["cut_stream_after_events"] = 1 }, Ct);

        using var response = await chat.SendAsync(Path, token, Request(stream: true));
        var (events, failed) = await ChatHttp.ReadEventsAsync(response);

        Assert.Equal(HttpStatusCode.NoContent, fault.StatusCode);
        Assert.True(failed);
        Assert.Equal("response.created", Assert.Single(events).Name);
    }

    [Theory]
    [InlineData(5, "grok-unknown", 404, "not-found", "The model grok-unknown does not exist or your team does not have access to it.")]
    [InlineData(1, "grok-build-0.1", 404, "not-found", "The model grok-build-0.1 does not exist or your team does not have access to it.")]
    [InlineData(7, MultiAgent, 404, "not-found", "The model grok-4.20-multi-agent-0309 does not exist or your team does not have access to it.")]
    [InlineData(3, MultiAgent, 404, "not-found", "The model grok-4.20-multi-agent-0309 does not exist or your team does not have access to it.")]
    [InlineData(4, MultiAgent, 404, "not-found", "The model grok-4.20-multi-agent-0309 does not exist or your team does not have access to it.")]
    [InlineData(5, "grok-imagine-video", 400, "invalid-argument", "grok-imagine-video is not a chat model")]
    public async Task Responses_Model_MustBeAChatModelTheCallerMayUse(int tier, string model, int expectedStatus, string expectedCode, string expectedError)
    {
        await using var emulator = await XaiEmulator.StartAsync(ct: Ct);
        using var chat = new ChatHttp(emulator);

        var (status, body) = await chat.PostAsync(Path, await chat.TokenAsync(tier), Request(model));

        Assert.Equal((expectedStatus, expectedCode, expectedError), ((int)status, body["code"]!.GetValue<string>(), body["error"]!.GetValue<string>()));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public async Task Responses_MultiAgentForEveryTier_LetsALowerTierCallItWithoutListingIt(int tier)
    {
        await using var emulator = await XaiEmulator.StartAsync(new EmulatorOptions { MultiAgentForEveryTier = true }, Ct);
        using var chat = new ChatHttp(emulator);
        using var http = new EmulatorHttp(emulator);
        var token = await chat.TokenAsync(tier);

        var (status, _) = await chat.PostAsync(Path, token, Request(MultiAgent));
        var (_, models) = await http.GetJsonAsync("/v1/models", token);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.DoesNotContain(MultiAgent, models["data"]!.AsArray().Select(model => model!["id"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Responses_ApiKey_MayUseTheMultiAgentModel()
    {
        await using var emulator = await XaiEmulator.StartAsync(new EmulatorOptions { ApiKeys = ["xai-test-key"] }, Ct);
        using var chat = new ChatHttp(emulator);

        var (status, _) = await chat.PostAsync(Path, "xai-test-key", Request());

        Assert.Equal(HttpStatusCode.OK, status);
    }

    [Theory]
    [InlineData("""{"model":"grok-4.3"}""")]
    [InlineData("""{"model":"grok-4.3","input":[]}""")]
    [InlineData("""{"model":"grok-4.3","input":42}""")]
    [InlineData("""{"model":"grok-4.3","input":[{"type":"function_call_output","output":"x"}]}""")]
    [InlineData("""{"model":"grok-4.3","input":[{"role":"tool","content":"x"}]}""")]
    [InlineData("""{"model":"grok-4.3","input":[{"role":"user","content":[{"type":"input_image","text":"x"}]}]}""")]
    [InlineData("""{"model":"grok-4.3","input":"x","reasoning":"high"}""")]
    [InlineData("""{"model":"grok-4.3","input":"x","instructions":7}""")]
    [InlineData("""{"input":"x"}""")]
    public async Task Responses_MalformedRequest_AnswersInvalidArgument(string json)
    {
        await using var emulator = await XaiEmulator.StartAsync(ct: Ct);
        using var chat = new ChatHttp(emulator);

        var (status, body) = await chat.PostRawAsync(Path, json);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("invalid-argument", body!["code"]!.GetValue<string>());
    }

    [Theory]
    [InlineData(false, HttpStatusCode.Unauthorized, "unauthenticated")]
    [InlineData(true, HttpStatusCode.Forbidden, "unauthenticated:bad-credentials")]
    public async Task Responses_ExpiredToken_AnswersAsModelsDoes(bool as403, HttpStatusCode expectedStatus, string expectedCode)
    {
        await using var emulator = await XaiEmulator.StartAsync(new EmulatorOptions { ExpiredTokenAs403 = as403 }, Ct);
        using var chat = new ChatHttp(emulator);
        var token = await chat.TokenAsync(tier: 5);
        emulator.Control.ExpireAccessTokens();

        var (status, body) = await chat.PostAsync(Path, token, Request());

        Assert.Equal((expectedStatus, expectedCode), (status, body["code"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Responses_LastRequestBody_OverControlAndHttp()
    {
        await using var emulator = await XaiEmulator.StartAsync(ct: Ct);
        using var chat = new ChatHttp(emulator);
        using var none = await chat.Client.GetAsync(new Uri("/_emulator/last-request?path=/v1/responses", UriKind.Relative), Ct);
        var token = await chat.TokenAsync(tier: 5);

        await chat.PostAsync(Path, token, Request(effort: "low"));
        var sent = JsonNode.Parse(emulator.Control.LastRequestBody(Path)!)!;
        using var overHttp = await chat.Client.GetAsync(new Uri("/_emulator/last-request?path=/v1/responses", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.NotFound, none.StatusCode);
        Assert.Equal("low", sent["reasoning"]!["effort"]!.GetValue<string>());
        Assert.Equal("answer in one line", sent["instructions"]!.GetValue<string>());
        Assert.Equal(3, sent["input"]!.AsArray().Count);
        Assert.Equal(HttpStatusCode.OK, overHttp.StatusCode);
        Assert.Equal("application/json", overHttp.Content.Headers.ContentType?.MediaType);
        Assert.Equal(emulator.Control.LastRequestBody(Path), await overHttp.Content.ReadAsStringAsync(Ct));
    }

    [Theory]
    [InlineData(429, "resource-exhausted")]
    [InlineData(503, "unavailable")]
    [InlineData(403, "permission-denied")]
    public async Task Responses_StatusFault_AnswersInTheApiStyle(int faultStatus, string expectedCode)
    {
        await using var emulator = await XaiEmulator.StartAsync(ct: Ct);
        using var chat = new ChatHttp(emulator);
        var token = await chat.TokenAsync(tier: 5);
        emulator.Control.AddFault(new EmulatorFault(Path) { Status = faultStatus, RetryAfter = faultStatus == 429 ? "5" : null });

        using var response = await chat.SendAsync(Path, token, Request());
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!;

        Assert.Equal(faultStatus, (int)response.StatusCode);
        Assert.Equal(expectedCode, body["code"]!.GetValue<string>());
        Assert.Equal(faultStatus == 429 ? TimeSpan.FromSeconds(5) : null, response.Headers.RetryAfter?.Delta);
        Assert.Equal(1, emulator.Control.Count(Path));
        Assert.NotNull(emulator.Control.LastRequestBody(Path));
    }
}
