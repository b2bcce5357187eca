using System.Text;
using System.Text.Json;
using XaiGrok.Emulator;
using XaiGrok.Onboarding.Tests.Support;
using Xunit;

namespace XaiGrok.Onboarding.Tests.Integration;

public sealed class ChatTests
{
    private static readonly ChatMessage[] Hello = [ChatMessage.User("hello there")];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Chat_Grok43_OneRequestOnChatCompletions()
    {
        await using var rig = await Rig.StartAsync();
        var module = rig.NewModule();
        await rig.ConnectAsync(module);
        rig.Emulator.Control.ResetCounters();

        var answer = await module.ChatAsync("xai-grok/grok-4.3", Hello, cancellationToken: Ct);

        Assert.True(answer.Ok, answer.ToJson());
        Assert.Equal("xai-grok/grok-4.3", answer["model"]);
        Assert.Equal("chat_completions", answer["lane"]);
        Assert.Equal("Echo from grok-4.3: hello there", answer["content"]);
        Assert.Equal("stop", answer["finish_reason"]);
        var usage = (SkillResult)answer["usage"]!;
        Assert.Equal(2L, usage["input_tokens"]);
        Assert.Equal(5L, usage["output_tokens"]);
        Assert.Equal(1, rig.Emulator.Control.Count("/v1/chat/completions"));
        Assert.Equal(1, rig.Emulator.Control.Counters.Where(pair => !pair.Key.StartsWith("grant:", StringComparison.Ordinal)).Sum(pair => pair.Value));
        SecretScan.AssertAbsent(answer.ToJson(), rig.SecretsOnDisk());
    }

    [Fact]
    public async Task Chat_MultiAgent_GoesToResponsesWithInstructionsAndEffort()
    {
        await using var rig = await Rig.StartAsync();
        var module = rig.NewModule();
        await rig.ConnectAsync(module);

        var answer = await module.ChatAsync("grok-4.20-multi-agent-0309", [ChatMessage.System("Be brief."), ChatMessage.User("plan a trip")], Thinking.High, Ct);

        Assert.True(answer.Ok, answer.ToJson());
        Assert.Equal("responses", answer["lane"]);
        Assert.Equal("Echo from grok-4.20-multi-agent-0309: plan a trip", answer["content"]);
        Assert.Equal(256L, ((SkillResult)answer["usage"]!)["reasoning_tokens"]);
        using var sent = JsonDocument.Parse(rig.Emulator.Control.LastRequestBody("/v1/responses")!);
        Assert.Equal("Be brief.", sent.RootElement.GetProperty("instructions").GetString());
        Assert.Equal("high", sent.RootElement.GetProperty("reasoning").GetProperty("effort").GetString());
        Assert.Equal("plan a trip", sent.RootElement.GetProperty("input")[0].GetProperty("content").GetString());
        Assert.Equal(0, rig.Emulator.Control.Count("/v1/chat/completions"));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Chat_TokenRejectedAsExpired_RefreshesOnceAndRetriesOnce(bool as403)
    {
        await using var rig = await Rig.StartAsync(new EmulatorOptions { ExpiredTokenAs403 = as403 });
        var module = rig.NewModule();
        await rig.ConnectAsync(module);
        rig.Emulator.Control.ExpireAccessTokens();
        rig.Emulator.Control.ResetCounters();

        var answer = await module.ChatAsync("xai-grok/grok-4.3", Hello, cancellationToken: Ct);

        Assert.True(answer.Ok, answer.ToJson());
        Assert.Equal(1, rig.Emulator.Control.Count("grant:refresh_token"));
        Assert.Equal(2, rig.Emulator.Control.Count("/v1/chat/completions"));
    }

    [Fact]
    public async Task Chat_StillRejectedAfterRefresh_SaysReauthRequiredWithoutLooping()
    {
        await using var rig = await Rig.StartAsync();
        var module = rig.NewModule();
        await rig.ConnectAsync(module);
        rig.Emulator.Control.AddFault(new EmulatorFault("/v1/chat/completions", Count: 5) { Status = 401 });

        var answer = await module.ChatAsync("xai-grok/grok-4.3", Hello, cancellationToken: Ct);

        Assert.Equal("reauth_required", answer.Error);
        Assert.Equal(1, rig.Emulator.Control.Count("grant:refresh_token"));
        Assert.Equal(2, rig.Emulator.Control.Count("/v1/chat/completions"));
    }

    [Fact]
    public async Task Chat_EntitlementRefusal_IsForbiddenWithoutARefresh()
    {
        await using var rig = await Rig.StartAsync();
        var module = rig.NewModule();
        await rig.ConnectAsync(module);
        rig.Emulator.Control.AddFault(new EmulatorFault("/v1/chat/completions")
        {
            Status = 403,
            ContentType = "application/json",
            Body = "{\"code\":\"permission-denied\",\"error\":\"You have run out of available resources\"}",
        });

        var answer = await module.ChatAsync("xai-grok/grok-4.3", Hello, cancellationToken: Ct);

        Assert.Equal("forbidden", answer.Error);
        Assert.Contains("run out of available resources", (string)answer["detail"]!, StringComparison.Ordinal);
        Assert.Contains("console.x.ai", (string)answer["hint"]!, StringComparison.Ordinal);
        Assert.Equal(0, rig.Emulator.Control.Count("grant:refresh_token"));
        Assert.Equal(1, rig.Emulator.Control.Count("/v1/chat/completions"));
    }

    [Fact]
    public async Task Chat_RateLimitedBriefly_WaitsRetryAfterThenAnswers()
    {
        await using var rig = await Rig.StartAsync();
        var module = rig.NewModule();
        await rig.ConnectAsync(module);
        rig.Emulator.Control.AddFault(new EmulatorFault("/v1/chat/completions") { Status = 429, RetryAfter = "3" });

        var answer = await rig.AdvancingAsync(module.ChatAsync("xai-grok/grok-4.3", Hello, cancellationToken: Ct));

        Assert.True(answer.Ok, answer.ToJson());
        Assert.Equal(2, rig.Emulator.Control.Count("/v1/chat/completions"));
    }

    [Fact]
    public async Task Chat_RateLimitedAfterTwoRetries_SaysRateLimitedWithRetryAfter()
    {
        await using var rig = await Rig.StartAsync();
        var module = rig.NewModule();
        await rig.ConnectAsync(module);
        rig.Emulator.Control.AddFault(new EmulatorFault("/v1/chat/completions", Count: 10) { Status = 429, RetryAfter = "7" });

        var answer = await rig.AdvancingAsync(module.ChatAsync("xai-grok/grok-4.3", Hello, cancellationToken: Ct));

        Assert.Equal("rate_limited", answer.Error);
        Assert.Equal(7, answer["retry_after_seconds"]);
        Assert.Equal(3, rig.Emulator.Control.Count("/v1/chat/completions"));
    }

    [Fact]
    public async Task Chat_GatewayUnavailable_IsRetriedThenUpstreamUnavailable()
    {
        await using var rig = await Rig.StartAsync();
        var module = rig.NewModule();
        await rig.ConnectAsync(module);
        rig.Emulator.Control.AddFault(new EmulatorFault("/v1/chat/completions", Count: 10) { Status = 503 });

        var answer = await rig.AdvancingAsync(module.ChatAsync("xai-grok/grok-4.3", Hello, cancellationToken: Ct));

        Assert.Equal("upstream_unavailable", answer.Error);
        Assert.Equal(4, rig.Emulator.Control.Count("/v1/chat/completions"));
    }

    [Fact]
    public async Task Chat_InternalServerError_IsNotRetried()
    {
        await using var rig = await Rig.StartAsync();
        var module = rig.NewModule();
        await rig.ConnectAsync(module);
        rig.Emulator.Control.AddFault(new EmulatorFault("/v1/chat/completions") { Status = 500 });

        var answer = await module.ChatAsync("xai-grok/grok-4.3", Hello, cancellationToken: Ct);

        Assert.Equal("upstream_unavailable", answer.Error);
        Assert.Equal(1, rig.Emulator.Control.Count("/v1/chat/completions"));
    }

    [Fact]
    public async Task Chat_ThinkingOnAPlainModel_IsRefusedBeforeAnyRequest()
    {
        await using var rig = await Rig.StartAsync();
        var module = rig.NewModule();
        await rig.ConnectAsync(module);

        var answer = await module.ChatAsync("xai-grok/grok-4.3", Hello, Thinking.High, Ct);
        var bad = await module.ChatAsync("grok-4.20-multi-agent-0309", Hello, new Thinking("extreme"), Ct);

        Assert.Equal("invalid_request", answer.Error);
        Assert.Equal("invalid_request", bad.Error);
        Assert.Equal(0, rig.Emulator.Control.Count("/v1/chat/completions") + rig.Emulator.Control.Count("/v1/responses"));
    }

    [Fact]
    public async Task Chat_ImageModel_IsNotAChatModel()
    {
        await using var rig = await Rig.StartAsync();
        var module = rig.NewModule();
        await rig.ConnectAsync(module);

        Assert.Equal("model_unavailable", (await module.ChatAsync("xai-grok/grok-imagine-image", Hello, cancellationToken: Ct)).Error);
    }

    [Fact]
    public async Task Chat_ModelOutsideTheSubscription_SaysModelUnavailable()
    {
        await using var rig = await Rig.StartAsync();
        var module = rig.NewModule();
        await rig.ConnectAsync(module, tier: 2);

        var answer = await module.ChatAsync("xai-grok/grok-build-0.1", Hello, cancellationToken: Ct);

        Assert.Equal("model_unavailable", answer.Error);
    }

    [Fact]
    public async Task Chat_NotConnected_SaysNotConnected()
    {
        await using var rig = await Rig.StartAsync();

        Assert.Equal("not_connected", (await rig.NewModule().ChatAsync(null, Hello, cancellationToken: Ct)).Error);
    }

    [Theory]
    [InlineData("xai-grok/grok-4.3", "chat_completions")]
    [InlineData("xai-grok/grok-4.20-multi-agent-0309", "responses")]
    public async Task Stream_DeltasAddUpToTheFinalContent(string model, string lane)
    {
        await using var rig = await Rig.StartAsync();
        var module = rig.NewModule();
        await rig.ConnectAsync(module);

        var text = new StringBuilder();
        SkillResult? final = null;
        var deltas = 0;
        await foreach (var update in module.ChatStreamAsync(model, [ChatMessage.User("stream me a few words")], cancellationToken: Ct))
        {
            if (update.Delta is { } delta)
            {
                text.Append(delta);
                deltas++;
            }

            final = update.Result ?? final;
        }

        Assert.NotNull(final);
        Assert.True(final.Ok, final.ToJson());
        Assert.Equal(lane, final["lane"]);
        Assert.Equal(text.ToString(), final["content"]);
        Assert.True(deltas > 3);
        Assert.NotNull(final["usage"]);
    }

    [Fact]
    public async Task Stream_CutOffMidway_EndsWithAnErrorResultAndThePartialText()
    {
        await using var rig = await Rig.StartAsync();
        var module = rig.NewModule();
        await rig.ConnectAsync(module);
        rig.Emulator.Control.AddFault(new EmulatorFault("/v1/chat/completions") { CutStreamAfterEvents = 3 });

        var updates = new List<ChatStreamUpdate>();
        await foreach (var update in module.ChatStreamAsync("xai-grok/grok-4.3", [ChatMessage.User("a long enough question to cut")], cancellationToken: Ct))
        {
            updates.Add(update);
        }

        var final = updates[^1].Result!;
        Assert.Equal("stream_interrupted", final.Error);
        Assert.Equal(string.Concat(updates.Select(update => update.Delta)), final["content"]);
        Assert.Single(updates, update => update.Result is not null);
    }

    [Fact]
    public async Task UseModel_WithoutPrefix_IsStoredAndBecomesTheDefault()
    {
        await using var rig = await Rig.StartAsync();
        var module = rig.NewModule();
        await rig.ConnectAsync(module);

        var chosen = await module.UseModelAsync("grok-4.20-0309-reasoning", Ct);
        var status = await rig.NewModule().StatusAsync(Ct);
        var answer = await rig.NewModule().ChatAsync(null, Hello, cancellationToken: Ct);

        Assert.True(chosen.Ok, chosen.ToJson());
        Assert.Equal("xai-grok/grok-4.20-0309-reasoning", chosen["model"]);
        Assert.Equal("chat_completions", chosen["lane"]);
        Assert.Equal("xai-grok/grok-4.20-0309-reasoning", status["selected_model"]);
        Assert.Equal("xai-grok/grok-4.20-0309-reasoning", answer["model"]);
    }

    [Fact]
    public async Task UseModel_OutsideTheSubscription_ListsTheAvailableModels()
    {
        await using var rig = await Rig.StartAsync();
        var module = rig.NewModule();
        await rig.ConnectAsync(module, tier: 2);

        var chosen = await module.UseModelAsync("xai-grok/grok-build-0.1", Ct);

        Assert.Equal("model_unavailable", chosen.Error);
        var available = ((IEnumerable<string>)chosen["available_models"]!).ToArray();
        Assert.Contains("xai-grok/grok-4.3", available);
        Assert.DoesNotContain("xai-grok/grok-build-0.1", available);
    }
}
