using XaiGrok.Onboarding.Lanes;
using Xunit;

namespace XaiGrok.Onboarding.Tests.Lanes;

public sealed class LaneRouterTests
{
    [Theory]
    [InlineData("grok-4.20-multi-agent-0309", "Responses")]
    [InlineData("grok-4-multi-agent", "Responses")]
    [InlineData("GROK-MULTI-AGENT-BETA", "Responses")]
    [InlineData("grok-4.3", "ChatCompletions")]
    [InlineData("grok-code-fast-1", "ChatCompletions")]
    [InlineData("grok-4-fast-reasoning", "ChatCompletions")]
    [InlineData("grok-multiagent", "ChatCompletions")]
    public void LaneFor_MultiAgentGoesToResponsesTheRestToChatCompletions(string upstreamId, string lane) =>
        Assert.Equal(Enum.Parse<Lane>(lane), LaneRouter.LaneFor(upstreamId));

    [Theory]
    [InlineData("Responses", "responses")]
    [InlineData("ChatCompletions", "chat_completions")]
    public void Name_IsTheSnakeCaseLaneName(string lane, string name) => Assert.Equal(name, LaneRouter.Name(Enum.Parse<Lane>(lane)));

    [Fact]
    public void KnownUnlistedMultiAgentModels_AreAllRoutedToResponses()
    {
        Assert.Contains("grok-4.20-multi-agent-0309", LaneRouter.KnownUnlistedMultiAgentModels);
        Assert.All(LaneRouter.KnownUnlistedMultiAgentModels, id => Assert.Equal(Lane.Responses, LaneRouter.LaneFor(id)));
    }
}
