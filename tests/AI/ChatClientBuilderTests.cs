using System.Text.Json;
using Microsoft.Extensions.AI;
using XaiGrok.Emulator;
using XaiGrok.Onboarding.Tests.Integration;
using Xunit;
using AiMessage = Microsoft.Extensions.AI.ChatMessage;

namespace XaiGrok.Onboarding.Tests.AI;

/// <summary>The client composes with Microsoft.Extensions.AI's pipeline as any IChatClient does.</summary>
public sealed class ChatClientBuilderTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Builder_MiddlewareThatSetsModelEffortAndInstructions_ReachesTheResponsesLane()
    {
        await using var rig = await Rig.StartAsync(new EmulatorOptions { MultiAgentForEveryTier = true });
        var module = rig.NewModule();
        await rig.ConnectAsync(module, tier: 1);
        var seen = new List<string>();
        using var client = new ChatClientBuilder(module.CreateChatClient())
            .ConfigureOptions(options =>
            {
                options.ModelId = "xai-grok/grok-4.20-multi-agent-0309";
                options.Reasoning = new ReasoningOptions { Effort = ReasoningEffort.Low };
            })
            .Use(async (messages, options, next, cancellationToken) =>
            {
                seen.Add(options?.ModelId ?? "none");
                await next([new AiMessage(ChatRole.System, "You are a travel agent."), .. messages], options, cancellationToken);
            })
            .Build();

        var response = await client.GetResponseAsync("plan a trip", cancellationToken: Ct);
        var streamed = await client.GetStreamingResponseAsync("plan another", cancellationToken: Ct).ToChatResponseAsync(Ct);

        Assert.Equal("Echo from grok-4.20-multi-agent-0309: plan a trip", response.Text);
        Assert.Equal("Echo from grok-4.20-multi-agent-0309: plan another", streamed.Text);
        Assert.Equal(["xai-grok/grok-4.20-multi-agent-0309", "xai-grok/grok-4.20-multi-agent-0309"], seen);
        using var sent = JsonDocument.Parse(rig.Emulator.Control.LastRequestBody("/v1/responses")!);
        Assert.Equal("You are a travel agent.", sent.RootElement.GetProperty("instructions").GetString());
        Assert.Equal("low", sent.RootElement.GetProperty("reasoning").GetProperty("effort").GetString());
        Assert.Equal(0, rig.Emulator.Control.Count("/v1/chat/completions"));
        Assert.Equal("x_ai", client.GetService<ChatClientMetadata>()?.ProviderName);
    }
}
