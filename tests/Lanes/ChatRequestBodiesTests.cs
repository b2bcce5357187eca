using System.Text.Json;
using XaiGrok.Onboarding.Lanes;
using Xunit;

namespace XaiGrok.Onboarding.Tests.Lanes;

public sealed class ChatRequestBodiesTests
{
    private static readonly ChatMessage[] Conversation =
    [
        ChatMessage.System("Be brief."),
        new("developer", "Answer in French."),
        ChatMessage.User("Hello"),
        ChatMessage.Assistant("Bonjour"),
        ChatMessage.User("How are you?"),
    ];

    [Fact]
    public void ChatCompletions_KeepsTheMessagesAsTheyAre()
    {
        using var body = Parse(ChatRequestBodies.ChatCompletions(new ChatRequest("grok-4.3", Conversation, null, Stream: false)));

        var messages = body.RootElement.GetProperty("messages").EnumerateArray().Select(m => (m.GetProperty("role").GetString(), m.GetProperty("content").GetString())).ToArray();
        Assert.Equal("grok-4.3", body.RootElement.GetProperty("model").GetString());
        Assert.Equal([("system", "Be brief."), ("system", "Answer in French."), ("user", "Hello"), ("assistant", "Bonjour"), ("user", "How are you?")], messages);
        Assert.False(body.RootElement.TryGetProperty("stream", out _));
        Assert.False(body.RootElement.TryGetProperty("reasoning_effort", out _));
    }

    [Fact]
    public void ChatCompletions_Streamed_AsksForUsageInTheStream()
    {
        using var body = Parse(ChatRequestBodies.ChatCompletions(new ChatRequest("grok-4.3", Conversation, null, Stream: true)));

        Assert.True(body.RootElement.GetProperty("stream").GetBoolean());
        Assert.True(body.RootElement.GetProperty("stream_options").GetProperty("include_usage").GetBoolean());
    }

    [Fact]
    public void ChatCompletions_WithEffort_SendsReasoningEffort()
    {
        using var body = Parse(ChatRequestBodies.ChatCompletions(new ChatRequest("grok-4.20-0309-reasoning", Conversation, "high", Stream: false)));

        Assert.Equal("high", body.RootElement.GetProperty("reasoning_effort").GetString());
    }

    [Fact]
    public void Responses_SystemMessagesBecomeInstructions_TheRestInputItems()
    {
        using var body = Parse(ChatRequestBodies.Responses(new ChatRequest("grok-4.20-multi-agent-0309", Conversation, "low", Stream: false)));
        var root = body.RootElement;

        Assert.Equal("Be brief.\n\nAnswer in French.", root.GetProperty("instructions").GetString());
        var input = root.GetProperty("input").EnumerateArray().Select(m => (m.GetProperty("role").GetString(), m.GetProperty("content").GetString())).ToArray();
        Assert.Equal([("user", "Hello"), ("assistant", "Bonjour"), ("user", "How are you?")], input);
        Assert.Equal("low", root.GetProperty("reasoning").GetProperty("effort").GetString());
        Assert.False(root.GetProperty("stream").GetBoolean());
        Assert.False(root.TryGetProperty("messages", out _));
    }

    [Fact]
    public void Responses_WithoutSystemOrEffort_OmitsInstructionsAndReasoning()
    {
        using var body = Parse(ChatRequestBodies.Responses(new ChatRequest("grok-4.20-multi-agent-0309", [ChatMessage.User("Hi")], null, Stream: true)));

        Assert.False(body.RootElement.TryGetProperty("instructions", out _));
        Assert.False(body.RootElement.TryGetProperty("reasoning", out _));
        Assert.True(body.RootElement.GetProperty("stream").GetBoolean());
    }

    [Fact]
    public void Bodies_EscapeContentAsJson()
    {
        var tricky = "quote \" backslash \\ newline \n unicode é 🚀 </script>";

        using var chat = Parse(ChatRequestBodies.ChatCompletions(new ChatRequest("grok-4.3", [ChatMessage.User(tricky)], null, false)));
        using var responses = Parse(ChatRequestBodies.Responses(new ChatRequest("grok-4.3", [ChatMessage.User(tricky)], null, false)));

        Assert.Equal(tricky, chat.RootElement.GetProperty("messages")[0].GetProperty("content").GetString());
        Assert.Equal(tricky, responses.RootElement.GetProperty("input")[0].GetProperty("content").GetString());
    }

    private static JsonDocument Parse(byte[] body) => JsonDocument.Parse(body);
}
