using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using XaiGrok.Emulator;
using Xunit;

namespace XaiGrok.Onboarding.Tests.Emulator;

public sealed class ChatCompletionsTests
{
    private const string Path = "/v1/chat/completions";
    private const string Model = "grok-4.3";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static JsonObject Request(string model = Model, string user = "hello there  world", bool stream = false) => new()
    {
        ["model"] = model,
        ["messages"] = new JsonArray(
            new JsonObject { ["role"] = "system", ["content"] = "be brief" },
            new JsonObject { ["role"] = "user", ["content"] = "first question" },
            new JsonObject { ["role"] = "assistant", ["content"] = "first answer" },
            new JsonObject { ["role"] = "user", ["content"] = user }),
        ["stream"] = stream,
    };

    [Fact]
    public async Task Chat_NonStream_EchoesTheLastUserMessageWithUsage()
    {
        var clock = new FakeTimeProvider();
        await using var emulator = await XaiEmulator.StartAsync(new EmulatorOptions { TimeProvider = clock }, Ct);
        using var chat = new ChatHttp(emulator);

        var (status, body) = await chat.PostAsync(Path, await chat.TokenAsync(), Request());

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.StartsWith("chatcmpl-", body["id"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("chat.completion", body["object"]!.GetValue<string>());
        Assert.Equal(clock.GetUtcNow().ToUnixTimeSeconds(), body["created"]!.GetValue<long>());
        Assert.Equal(Model, body["model"]!.GetValue<string>());
        var choice = Assert.Single(body["choices"]!.AsArray())!;
        Assert.Equal(0, choice["index"]!.GetValue<int>());
        Assert.Equal("assistant", choice["message"]!["role"]!.GetValue<string>());
        Assert.Equal("Echo from grok-4.3: hello there  world", choice["message"]!["content"]!.GetValue<string>());
        Assert.Equal("stop", choice["finish_reason"]!.GetValue<string>());
        var usage = body["usage"]!;
        // Prompt: "be brief" 2 + "first question" 2 + "first answer" 2 + "hello there  world" 3.
        Assert.Equal(9, usage["prompt_tokens"]!.GetValue<int>());
        Assert.Equal(6, usage["completion_tokens"]!.GetValue<int>());
        Assert.Equal(15, usage["total_tokens"]!.GetValue<int>());
        Assert.Equal(0, usage["completion_tokens_details"]!["reasoning_tokens"]!.GetValue<int>());
        Assert.Equal(1, emulator.Control.Count(Path));
    }

    [Fact]
    public async Task Chat_TextParts_AreJoinedAndCounted()
    {
        await using var emulator = await XaiEmulator.StartAsync(ct: Ct);
        using var chat = new ChatHttp(emulator);
        var request = new JsonObject
        {
            ["model"] = Model,
            ["messages"] = new JsonArray(new JsonObject
            {
                ["role"] = "user",
                ["content"] = new JsonArray(new JsonObject { ["type"] = "text", ["text"] = "one two" }, new JsonObject { ["type"] = "text", ["text"] = "three" }),
            }),
        };

        var (status, body) = await chat.PostAsync(Path, await chat.TokenAsync(), request);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Echo from grok-4.3: one two three", body["choices"]![0]!["message"]!["content"]!.GetValue<string>());
        Assert.Equal(3, body["usage"]!["prompt_tokens"]!.GetValue<int>());
    }

    [Theory]
    [InlineData(null, 64)]
    [InlineData("low", 16)]
    [InlineData("medium", 64)]
    [InlineData("high", 256)]
    public async Task Chat_ReasoningModel_ReportsReasoningTokensByEffort(string? effort, int expected)
    {
        await using var emulator = await XaiEmulator.StartAsync(ct: Ct);
        using var chat = new ChatHttp(emulator);
        var request = Request("grok-4.20-0309-reasoning");
        if (effort is not null)
        {
            request["reasoning_effort"] = effort;
        }

        var (status, body) = await chat.PostAsync(Path, await chat.TokenAsync(), request);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(expected, body["usage"]!["completion_tokens_details"]!["reasoning_tokens"]!.GetValue<int>());
        Assert.Equal(15, body["usage"]!["total_tokens"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("grok-4.3", "high", "Model grok-4.3 does not support parameter reasoningEffort.")]
    [InlineData("grok-4.20-0309-non-reasoning", "low", "Model grok-4.20-0309-non-reasoning does not support parameter reasoningEffort.")]
    [InlineData("grok-4.20-0309-reasoning", "extreme", "reasoning_effort must be one of low, medium, high.")]
    public async Task Chat_ReasoningEffort_IsValidated(string model, string effort, string expected)
    {
        await using var emulator = await XaiEmulator.StartAsync(ct: Ct);
        using var chat = new ChatHttp(emulator);
        var request = Request(model);
        request["reasoning_effort"] = effort;

        var (status, body) = await chat.PostAsync(Path, await chat.TokenAsync(), request);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(("invalid-argument", expected), (body["code"]!.GetValue<string>(), body["error"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Chat_Stream_SendsOneWordPerChunkThenStopThenUsageThenDone()
    {
        await using var emulator = await XaiEmulator.StartAsync(ct: Ct);
        using var chat = new ChatHttp(emulator);
        var request = Request(stream: true);
        request["stream_options"] = new JsonObject { ["include_usage"] = true };

        using var response = await chat.SendAsync(Path, await chat.TokenAsync(), request);
        var (events, failed) = await ChatHttp.ReadEventsAsync(response);

        Assert.False(failed);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.All(events, e => Assert.Null(e.Name));
        Assert.Equal("[DONE]", events[^1].Data);
        var chunks = events.SkipLast(1).Select(e => e.Json).ToList();
        Assert.All(chunks, c => Assert.Equal("chat.completion.chunk", c["object"]!.GetValue<string>()));
        Assert.Single(chunks.Select(c => c["id"]!.GetValue<string>()).Distinct());
        var deltas = chunks.SkipLast(2).Select(c => c["choices"]![0]!).ToList();
        Assert.Equal(["Echo ", "from ", "grok-4.3: ", "hello ", "there  ", "world"], deltas.Select(d => d["delta"]!["content"]!.GetValue<string>()));
        Assert.Equal("assistant", deltas[0]["delta"]!["role"]!.GetValue<string>());
        Assert.All(deltas.Skip(1), d => Assert.Null(d["delta"]!["role"]));
        Assert.All(deltas, d => Assert.Null(d["finish_reason"]));
        var stop = chunks[^2]["choices"]![0]!;
        Assert.Empty(stop["delta"]!.AsObject());
        Assert.Equal("stop", stop["finish_reason"]!.GetValue<string>());
        Assert.Empty(chunks[^1]["choices"]!.AsArray());
        Assert.Equal(15, chunks[^1]["usage"]!["total_tokens"]!.GetValue<int>());
    }

    [Fact]
    public async Task Chat_StreamWithoutIncludeUsage_HasNoUsageChunk()
    {
        await using var emulator = await XaiEmulator.StartAsync(ct: Ct);
        using var chat = new ChatHttp(emulator);

        using var response = await chat.SendAsync(Path, await chat.TokenAsync(), Request(stream: true));
        var (events, _) = await ChatHttp.ReadEventsAsync(response);

        Assert.Equal("[DONE]", events[^1].Data);
        var chunks = events.SkipLast(1).Select(e => e.Json).ToList();
        Assert.All(chunks, c => Assert.Null(c["usage"]));
        Assert.Equal("stop", chunks[^1]["choices"]![0]!["finish_reason"]!.GetValue<string>());
        var text = new StringBuilder();
        foreach (var chunk in chunks)
        {
            text.Append(chunk["choices"]![0]!["delta"]!["content"]?.GetValue<string>());
        }

        Assert.Equal("Echo from grok-4.3: hello there  world", text.ToString());
    }

    [Fact]
    public async Task Chat_MultiAgentModel_IsSentToTheResponsesApi()
    {
        await using var emulator = await XaiEmulator.StartAsync(ct: Ct);
        using var chat = new ChatHttp(emulator);

        var (status, body) = await chat.PostAsync(Path, await chat.TokenAsync(tier: 5), Request("grok-4.20-multi-agent-0309"));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("invalid-argument", body["code"]!.GetValue<string>());
        Assert.Equal("Multi Agent requests are not allowed on chat completions. Use the Responses API.", body["error"]!.GetValue<string>());
        Assert.Contains("Multi Agent requests are not allowed on chat completions", body["error"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(5, "grok-9-unknown", 404, "not-found", "The model grok-9-unknown does not exist or your team does not have access to it.")]
    [InlineData(1, "grok-build-0.1", 404, "not-found", "The model grok-build-0.1 does not exist or your team does not have access to it.")]
    [InlineData(1, "grok-4.20-multi-agent-0309", 404, "not-found", "The model grok-4.20-multi-agent-0309 does not exist or your team does not have access to it.")]
    [InlineData(5, "grok-imagine-image", 400, "invalid-argument", "grok-imagine-image is not a chat model")]
    [InlineData(5, "", 400, "invalid-argument", "model is required")]
    public async Task Chat_Model_MustBeAChatModelTheCallerMayUse(int tier, string model, int expectedStatus, string expectedCode, string expectedError)
    {
        await using var emulator = await XaiEmulator.StartAsync(ct: Ct);
        using var chat = new ChatHttp(emulator);

        var (status, body) = await chat.PostAsync(Path, await chat.TokenAsync(tier), Request(model));

        Assert.Equal((expectedStatus, expectedCode, expectedError), ((int)status, body["code"]!.GetValue<string>(), body["error"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Chat_MissingModel_Answers400()
    {
        await using var emulator = await XaiEmulator.StartAsync(ct: Ct);
        using var chat = new ChatHttp(emulator);
        var request = Request();
        request.Remove("model");

        var (status, body) = await chat.PostAsync(Path, await chat.TokenAsync(), request);

        Assert.Equal((HttpStatusCode.BadRequest, "model is required"), (status, body["error"]!.GetValue<string>()));
    }

    [Theory]
    [InlineData("""{"model":"grok-4.3"}""")]
    [InlineData("""{"model":"grok-4.3","messages":[]}""")]
    [InlineData("""{"model":"grok-4.3","messages":[{"role":"robot","content":"x"}]}""")]
    [InlineData("""{"model":"grok-4.3","messages":[{"role":"user","content":42}]}""")]
    [InlineData("""{"model":"grok-4.3","messages":[{"role":"user","content":[{"type":"image_url","text":"x"}]}]}""")]
    [InlineData("""{"model":"grok-4.3","messages":["hi"]}""")]
    [InlineData("""{"model":"grok-4.3","messages":[{"role":"user","content":"x"}],"stream":"yes"}""")]
    [InlineData("""not json""")]
    public async Task Chat_MalformedRequest_AnswersInvalidArgument(string json)
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
    public async Task Chat_ExpiredToken_AnswersAsModelsDoes(bool as403, HttpStatusCode expectedStatus, string expectedCode)
    {
        var clock = new FakeTimeProvider();
        await using var emulator = await XaiEmulator.StartAsync(new EmulatorOptions { TimeProvider = clock, AccessTokenLifetimeSeconds = 900, ExpiredTokenAs403 = as403 }, Ct);
        using var chat = new ChatHttp(emulator);
        var token = await chat.TokenAsync();
        clock.Advance(TimeSpan.FromSeconds(900));

        var (status, body) = await chat.PostAsync(Path, token, Request());

        Assert.Equal((expectedStatus, expectedCode), (status, body["code"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Chat_TierZeroUnknownKeyAndApiKey_AreTreatedAsOnModels()
    {
        await using var emulator = await XaiEmulator.StartAsync(new EmulatorOptions { ApiKeys = ["xai-test-key"] }, Ct);
        using var chat = new ChatHttp(emulator);

        var (freeStatus, freeBody) = await chat.PostAsync(Path, await chat.TokenAsync(tier: 0), Request());
        var (unknownStatus, _) = await chat.PostAsync(Path, "xai-unknown", Request());
        var (keyStatus, keyBody) = await chat.PostAsync(Path, "xai-test-key", Request("grok-build-0.1"));

        Assert.Equal((HttpStatusCode.Forbidden, "permission-denied"), (freeStatus, freeBody["code"]!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.Unauthorized, unknownStatus);
        Assert.Equal(HttpStatusCode.OK, keyStatus);
        Assert.Equal("grok-build-0.1", keyBody["model"]!.GetValue<string>());
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(3, 3)]
    public async Task Chat_CutStreamAfterEvents_EndsTheStreamWithoutDone(int cutAfter, int expectedEvents)
    {
        await using var emulator = await XaiEmulator.StartAsync(ct: Ct);
        using var chat = new ChatHttp(emulator);
        var token = await chat.TokenAsync();
        emulator.Control.AddFault(new EmulatorFault(Path) { CutStreamAfterEvents = cutAfter });

        using var response = await chat.SendAsync(Path, token, Request(stream: true));
        var (events, failed) = await ChatHttp.ReadEventsAsync(response);
        using var next = await chat.SendAsync(Path, token, Request(stream: true));
        var (nextEvents, nextFailed) = await ChatHttp.ReadEventsAsync(next);

        Assert.True(failed);
        Assert.Equal(expectedEvents, events.Count);
        Assert.DoesNotContain(events, e => e.Data == "[DONE]");
        Assert.False(nextFailed);
        Assert.Equal("[DONE]", nextEvents[^1].Data);
    }

    [Fact]
    public async Task Chat_LastRequestBody_IsTheRawBodySent()
    {
        await using var emulator = await XaiEmulator.StartAsync(ct: Ct);
        using var chat = new ChatHttp(emulator);
        var token = await chat.TokenAsync();
        const string Json = """{"model":"grok-4.3","messages":[{"role":"user","content":"hi"}],"temperature":0.5}""";
        using var request = new HttpRequestMessage(HttpMethod.Post, Path) { Content = new StringContent(Json, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new("Bearer", token);

        Assert.Null(emulator.Control.LastRequestBody(Path));
        using var response = await chat.Client.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Json, emulator.Control.LastRequestBody(Path));
        Assert.Null(emulator.Control.LastRequestBody("/v1/responses"));
    }

    [Fact]
    public async Task Chat_429Fault_AnswersResourceExhaustedWithRetryAfter()
    {
        await using var emulator = await XaiEmulator.StartAsync(ct: Ct);
        using var chat = new ChatHttp(emulator);
        var token = await chat.TokenAsync();
        emulator.Control.AddFault(new EmulatorFault(Path) { Status = 429, RetryAfter = "3" });

        using var limited = await chat.SendAsync(Path, token, Request());
        var body = JsonNode.Parse(await limited.Content.ReadAsStringAsync(Ct))!;
        var (status, _) = await chat.PostAsync(Path, token, Request());

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(3), limited.Headers.RetryAfter?.Delta);
        Assert.Equal("resource-exhausted", body["code"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(body["error"]!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(2, emulator.Control.Count(Path));
    }
}
