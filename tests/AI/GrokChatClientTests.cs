using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;
using XaiGrok.Emulator;
using XaiGrok.Onboarding.Tests.Integration;
using Xunit;
using AiMessage = Microsoft.Extensions.AI.ChatMessage;

namespace XaiGrok.Onboarding.Tests.AI;

/// <summary>The <see cref="IChatClient"/> of <see cref="GrokOnboarding.CreateChatClient"/> against the emulator, on the rig's fake clock.</summary>
public sealed class GrokChatClientTests
{
    private static readonly AiMessage[] Hello = [new(ChatRole.User, "hello there")];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GetResponse_PlainModel_AnswersOnChatCompletionsWithModelUsageAndFinishReason()
    {
        await using var rig = await Rig.StartAsync();
        var module = rig.NewModule();
        await rig.ConnectAsync(module);
        rig.Emulator.Control.ResetCounters();
        using var client = module.CreateChatClient();

        var response = await client.GetResponseAsync(Hello, new ChatOptions { ModelId = "xai-grok/grok-4.3" }, Ct);

        Assert.Equal("Echo from grok-4.3: hello there", response.Text);
        Assert.Equal(ChatRole.Assistant, Assert.Single(response.Messages).Role);
        Assert.Equal("xai-grok/grok-4.3", response.ModelId);
        Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
        Assert.Equal(2, response.Usage?.InputTokenCount);
        Assert.Equal(5, response.Usage?.OutputTokenCount);
        Assert.Equal(7, response.Usage?.TotalTokenCount);
        Assert.Equal("chat_completions", response.AdditionalProperties?["lane"]);
        Assert.Equal(1, rig.Emulator.Control.Count("/v1/chat/completions"));
        Assert.Equal(0, rig.Emulator.Control.Count("/v1/responses"));
    }

    [Theory]
    [InlineData("grok-4.3")]
    [InlineData("xai-grok/grok-4.3")]
    public async Task GetResponse_ModelWithOrWithoutPrefix_SendsTheUpstreamId(string model)
    {
        await using var rig = await Rig.StartAsync();
        var module = rig.NewModule();
        await rig.ConnectAsync(module);
        using var client = module.CreateChatClient();

        var response = await client.GetResponseAsync(Hello, new ChatOptions { ModelId = model }, Ct);

        using var sent = JsonDocument.Parse(rig.Emulator.Control.LastRequestBody("/v1/chat/completions")!);
        Assert.Equal("grok-4.3", sent.RootElement.GetProperty("model").GetString());
        Assert.Equal("xai-grok/grok-4.3", response.ModelId);
    }

    [Fact]
    public async Task GetResponse_NoModelInOptions_UsesTheClientsDefaultModel()
    {
        await using var rig = await Rig.StartAsync();
        var module = rig.NewModule();
        await rig.ConnectAsync(module);
        using var client = module.CreateChatClient("grok-4.20-0309-non-reasoning");

        var response = await client.GetResponseAsync(Hello, cancellationToken: Ct);

        Assert.Equal("xai-grok/grok-4.20-0309-non-reasoning", response.ModelId);
        Assert.Equal("Echo from grok-4.20-0309-non-reasoning: hello there", response.Text);
    }

    [Fact]
    public async Task GetResponse_NoModelAnywhere_UsesTheChosenModel()
    {
        await using var rig = await Rig.StartAsync();
        var module = rig.NewModule();
        await rig.ConnectAsync(module);
        Assert.True((await module.UseModelAsync("xai-grok/grok-4.20-0309-non-reasoning", Ct)).Ok);
        using var client = module.CreateChatClient();

        var response = await client.GetResponseAsync(Hello, cancellationToken: Ct);

        Assert.Equal("xai-grok/grok-4.20-0309-non-reasoning", response.ModelId);
    }

    [Fact]
    public async Task Metadata_NamesTheProviderTheEndpointAndTheDefaultModel()
    {
        await using var rig = await Rig.StartAsync();
        var module = rig.NewModule();
        using var client = module.CreateChatClient("grok-4.20-0309-reasoning");

        var metadata = client.GetService<ChatClientMetadata>();

        Assert.NotNull(metadata);
        Assert.Equal("x_ai", metadata.ProviderName);
        Assert.Equal(rig.Options.ApiBaseUrl, metadata.ProviderUri);
        Assert.Equal("xai-grok/grok-4.20-0309-reasoning", metadata.DefaultModelId);
        Assert.Same(module, client.GetService<GrokOnboarding>());
        Assert.Equal("xai-grok/grok-4.3", module.CreateChatClient().GetService<ChatClientMetadata>()?.DefaultModelId);
    }

    [Fact]
    public async Task CreateChatClient_MalformedDefaultModel_IsRefused()
    {
        await using var rig = await Rig.StartAsync();

        Assert.Throws<ArgumentException>(() => rig.NewModule().CreateChatClient("grok 4.3; rm -rf"));
    }

    [Fact]
    public async Task GetResponse_MultiAgentModel_GoesToResponsesWithInstructionsAndReasoningEffort()
    {
        await using var rig = await Rig.StartAsync(new EmulatorOptions { MultiAgentForEveryTier = true });
        var module = rig.NewModule();
        await rig.ConnectAsync(module, tier: 1);
        rig.Emulator.Control.ResetCounters();
        using var client = module.CreateChatClient();
        var options = new ChatOptions { ModelId = "grok-4.20-multi-agent-0309", Reasoning = new ReasoningOptions { Effort = ReasoningEffort.High } };

        var response = await client.GetResponseAsync([new AiMessage(ChatRole.System, "Be brief."), new AiMessage(ChatRole.User, "plan a trip")], options, Ct);

        Assert.Equal("Echo from grok-4.20-multi-agent-0309: plan a trip", response.Text);
        Assert.Equal("xai-grok/grok-4.20-multi-agent-0309", response.ModelId);
        Assert.Equal("responses", response.AdditionalProperties?["lane"]);
        Assert.Equal(256, response.Usage?.ReasoningTokenCount);
        using var sent = JsonDocument.Parse(rig.Emulator.Control.LastRequestBody("/v1/responses")!);
        Assert.Equal("Be brief.", sent.RootElement.GetProperty("instructions").GetString());
        Assert.Equal("high", sent.RootElement.GetProperty("reasoning").GetProperty("effort").GetString());
        Assert.Equal(0, rig.Emulator.Control.Count("/v1/chat/completions"));
        Assert.Equal(1, rig.Emulator.Control.Count("/v1/responses"));
    }

    [Theory]
    [InlineData(ReasoningEffort.Low, "low")]
    [InlineData(ReasoningEffort.Medium, "medium")]
    [InlineData(ReasoningEffort.High, "high")]
    [InlineData(ReasoningEffort.ExtraHigh, "high")]
    public async Task GetResponse_ReasoningOption_ReachesTheRequestAsTheEffort(ReasoningEffort effort, string sentEffort)
    {
        await using var rig = await Rig.StartAsync();
        var module = rig.NewModule();
        await rig.ConnectAsync(module);
        using var client = module.CreateChatClient("xai-grok/grok-4.20-0309-reasoning");

        await client.GetResponseAsync(Hello, new ChatOptions { Reasoning = new ReasoningOptions { Effort = effort } }, Ct);

        using var sent = JsonDocument.Parse(rig.Emulator.Control.LastRequestBody("/v1/chat/completions")!);
        Assert.Equal(sentEffort, sent.RootElement.GetProperty("reasoning_effort").GetString());
    }

    [Fact]
    public async Task GetResponse_ReasoningEffortAdditionalProperty_ReachesTheRequest()
    {
        await using var rig = await Rig.StartAsync();
        var module = rig.NewModule();
        await rig.ConnectAsync(module);
        using var client = module.CreateChatClient("grok-4.20-0309-reasoning");
        var options = new ChatOptions { AdditionalProperties = new() { ["reasoning_effort"] = "low" } };

        await client.GetResponseAsync(Hello, options, Ct);

        using var sent = JsonDocument.Parse(rig.Emulator.Control.LastRequestBody("/v1/chat/completions")!);
        Assert.Equal("low", sent.RootElement.GetProperty("reasoning_effort").GetString());
    }

    [Fact]
    public async Task GetResponse_InstructionsOption_IsSentAsASystemMessage()
    {
        await using var rig = await Rig.StartAsync();
        var module = rig.NewModule();
        await rig.ConnectAsync(module);
        using var client = module.CreateChatClient();

        await client.GetResponseAsync(Hello, new ChatOptions { Instructions = "Answer in French." }, Ct);

        using var sent = JsonDocument.Parse(rig.Emulator.Control.LastRequestBody("/v1/chat/completions")!);
        var first = sent.RootElement.GetProperty("messages")[0];
        Assert.Equal("system", first.GetProperty("role").GetString());
        Assert.Equal("Answer in French.", first.GetProperty("content").GetString());
    }

    [Theory]
    [InlineData("xai-grok/grok-4.3", "chat_completions")]
    [InlineData("xai-grok/grok-4.20-multi-agent-0309", "responses")]
    public async Task GetStreamingResponse_DeltasAddUpToTheAnswer(string model, string lane)
    {
        await using var rig = await Rig.StartAsync();
        var module = rig.NewModule();
        await rig.ConnectAsync(module);
        using var client = module.CreateChatClient();

        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in client.GetStreamingResponseAsync([new AiMessage(ChatRole.User, "stream me a few words")], new ChatOptions { ModelId = model }, Ct))
        {
            updates.Add(update);
        }

        var upstream = model["xai-grok/".Length..];
        Assert.True(updates.Count(update => update.Text.Length > 0) > 3);
        Assert.All(updates, update => Assert.Equal(model, update.ModelId));
        Assert.Equal(lane, updates[^1].AdditionalProperties?["lane"]);
        var whole = updates.ToChatResponse();
        Assert.Equal($"Echo from {upstream}: stream me a few words", whole.Text);
        Assert.Equal(ChatFinishReason.Stop, whole.FinishReason);
        Assert.NotNull(whole.Usage?.OutputTokenCount);
    }

    [Fact]
    public async Task GetResponse_NotConnected_ThrowsWithTheStableCodeAndHint()
    {
        await using var rig = await Rig.StartAsync();
        using var client = rig.NewModule().CreateChatClient();

        var failure = await Assert.ThrowsAsync<XaiGrokException>(() => client.GetResponseAsync(Hello, cancellationToken: Ct));

        Assert.Equal("not_connected", failure.ErrorCode);
        Assert.Equal(GrokFailureKind.Session, failure.Kind);
        Assert.False(string.IsNullOrWhiteSpace(failure.Hint));
        Assert.StartsWith("not_connected: ", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetResponse_RefusalThatEchoesTheToken_ThrowsForbiddenWithoutTheToken()
    {
        await using var rig = await Rig.StartAsync();
        var module = rig.NewModule();
        await rig.ConnectAsync(module);
        var secrets = rig.SecretsOnDisk();
        var token = secrets.First(pair => pair.Key.StartsWith("access_token", StringComparison.Ordinal)).Value;
        rig.Emulator.Control.AddFault(new EmulatorFault("/v1/chat/completions")
        {
            Status = 403,
            ContentType = "application/json",
            Body = $"{{\"code\":\"permission-denied\",\"error\":\"You have run out of available resources (token {token})\"}}",
        });
        using var client = module.CreateChatClient();

        var failure = await Assert.ThrowsAsync<XaiGrokException>(() => client.GetResponseAsync(Hello, cancellationToken: Ct));

        Assert.Equal("forbidden", failure.ErrorCode);
        Assert.Equal(GrokFailureKind.Http, failure.Kind);
        Assert.Contains("run out of available resources", failure.Detail, StringComparison.Ordinal);
        Support.SecretScan.AssertAbsent($"{failure}\n{failure.Detail}\n{failure.Hint}", secrets);
    }

    [Fact]
    public async Task GetStreamingResponse_ServerError_ThrowsOnTheFirstRead()
    {
        await using var rig = await Rig.StartAsync();
        var module = rig.NewModule();
        await rig.ConnectAsync(module);
        rig.Emulator.Control.AddFault(new EmulatorFault("/v1/chat/completions") { Status = 500 });
        using var client = module.CreateChatClient();

        var failure = await Assert.ThrowsAsync<XaiGrokException>(async () =>
        {
            await foreach (var update in client.GetStreamingResponseAsync(Hello, cancellationToken: Ct))
            {
                Assert.Fail("no update was expected");
            }
        });

        Assert.Equal("upstream_unavailable", failure.ErrorCode);
        Assert.Equal(GrokFailureKind.Http, failure.Kind);
    }

    [Fact]
    public async Task GetStreamingResponse_CutOffMidway_YieldsThePartialTextThenThrowsStreamInterrupted()
    {
        await using var rig = await Rig.StartAsync();
        var module = rig.NewModule();
        await rig.ConnectAsync(module);
        rig.Emulator.Control.AddFault(new EmulatorFault("/v1/chat/completions") { CutStreamAfterEvents = 3 });
        using var client = module.CreateChatClient();

        var text = new StringBuilder();
        var failure = await Assert.ThrowsAsync<XaiGrokException>(async () =>
        {
            await foreach (var update in client.GetStreamingResponseAsync([new AiMessage(ChatRole.User, "a long enough question to cut")], cancellationToken: Ct))
            {
                text.Append(update.Text);
            }
        });

        Assert.Equal("stream_interrupted", failure.ErrorCode);
        Assert.StartsWith("Echo from", text.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetResponse_CancelledWhileWaiting_ThrowsOperationCanceled()
    {
        await using var rig = await Rig.StartAsync();
        var module = rig.NewModule();
        await rig.ConnectAsync(module);
        var hold = new EmulatorHold();
        rig.Emulator.Control.AddFault(new EmulatorFault("/v1/chat/completions") { Hold = hold });
        using var client = module.CreateChatClient();
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Ct);

        var call = client.GetResponseAsync(Hello, cancellationToken: cancel.Token);
        await hold.Reached.WaitAsync(Ct);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        hold.Release();
    }

    [Fact]
    public async Task GetStreamingResponse_CancelledMidStream_ThrowsOperationCanceled()
    {
        await using var rig = await Rig.StartAsync();
        var module = rig.NewModule();
        await rig.ConnectAsync(module);
        var hold = new EmulatorHold(sendHeadersFirst: true);
        rig.Emulator.Control.AddFault(new EmulatorFault("/v1/chat/completions") { Hold = hold });
        using var client = module.CreateChatClient();
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Ct);

        var stream = client.GetStreamingResponseAsync(Hello, cancellationToken: cancel.Token).GetAsyncEnumerator(Ct);
        var first = stream.MoveNextAsync().AsTask();
        await hold.Reached.WaitAsync(Ct);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first);
        await stream.DisposeAsync();
        hold.Release();
    }

    [Fact]
    public async Task GetResponse_AlreadyCancelled_SendsNothing()
    {
        await using var rig = await Rig.StartAsync();
        var module = rig.NewModule();
        await rig.ConnectAsync(module);
        rig.Emulator.Control.ResetCounters();
        using var client = module.CreateChatClient();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.GetResponseAsync(Hello, cancellationToken: new CancellationToken(canceled: true)));

        Assert.Equal(0, rig.Emulator.Control.Count("/v1/chat/completions"));
    }
}
