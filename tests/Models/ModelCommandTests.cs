using XaiGrok.Onboarding.Models;
using Xunit;

namespace XaiGrok.Onboarding.Tests.Models;

public sealed class ModelCommandTests
{
    [Theory]
    [InlineData("/model xai-grok/grok-4.3", "xai-grok/grok-4.3")]
    [InlineData("   /model     grok-4.3   ", "grok-4.3")]
    [InlineData("/MODEL\tgrok-4.3", "grok-4.3")]
    [InlineData("/model", "")]
    [InlineData("xai-grok/grok-4.3", "xai-grok/grok-4.3")]
    [InlineData("/models grok-4.3", "/models grok-4.3")]
    public void IdIn_TakesTheArgumentOfTheCommandOrTheTextItself(string text, string id) =>
        Assert.Equal(id, ModelCommand.IdIn(text));

    [Fact]
    public void In_TheOnlyUserMessage_IsTheCommand() =>
        Assert.Equal("/model grok-4.3", ModelCommand.In([ChatMessage.System("Be brief."), ChatMessage.User("/model grok-4.3")]));

    [Fact]
    public void In_TwoUserMessages_IsNoCommand() =>
        Assert.Null(ModelCommand.In([ChatMessage.User("/model grok-4.3"), ChatMessage.User("/model grok-4.3")]));

    [Fact]
    public void In_ACommandInAnAssistantTurn_IsNoCommand() =>
        Assert.Null(ModelCommand.In([ChatMessage.Assistant("/model grok-4.3"), ChatMessage.User("hello")]));

    [Fact]
    public void In_TextThatMentionsTheCommand_IsNoCommand() =>
        Assert.Null(ModelCommand.In([ChatMessage.User("what does /model grok-4.3 do?")]));
}
