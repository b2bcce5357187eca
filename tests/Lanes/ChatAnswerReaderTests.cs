using System.Text;
using XaiGrok.Onboarding.Lanes;
using Xunit;

namespace XaiGrok.Onboarding.Tests.Lanes;

public sealed class ChatAnswerReaderTests
{
    [Fact]
    public void ChatCompletion_ReadsContentFinishReasonAndUsage()
    {
        var json = """
            {"id":"chatcmpl-1","object":"chat.completion","created":1,"model":"grok-4.3",
             "choices":[{"index":0,"message":{"role":"assistant","content":"Hi there"},"finish_reason":"stop"}],
             "usage":{"prompt_tokens":12,"completion_tokens":2,"total_tokens":14,"completion_tokens_details":{"reasoning_tokens":5}}}
            """;

        var answer = ChatAnswerReader.ChatCompletion(Encoding.UTF8.GetBytes(json), "xai-grok/grok-4.3")!;

        Assert.Equal(new ChatAnswer("xai-grok/grok-4.3", Lane.ChatCompletions, "Hi there", "stop", new ChatUsage(12, 2, 5)), answer);
    }

    [Fact]
    public void Response_JoinsOutputTextOfMessageItems_SkipsReasoningItems()
    {
        var json = """
            {"id":"resp_1","object":"response","status":"completed","model":"grok-4.20-multi-agent-0309",
             "output":[{"type":"reasoning","id":"rs_1","summary":[]},
                       {"type":"message","role":"assistant","content":[{"type":"output_text","text":"Hello, "},{"type":"output_text","text":"world"}]}],
             "usage":{"input_tokens":7,"output_tokens":2,"total_tokens":9,"output_tokens_details":{"reasoning_tokens":64}}}
            """;

        var answer = ChatAnswerReader.Response(Encoding.UTF8.GetBytes(json), "xai-grok/grok-4.20-multi-agent-0309")!;

        Assert.Equal("Hello, world", answer.Content);
        Assert.Equal("stop", answer.FinishReason);
        Assert.Equal(new ChatUsage(7, 2, 64), answer.Usage);
        Assert.Equal(Lane.Responses, answer.Lane);
    }

    [Fact]
    public void Response_Incomplete_ReportsItsReason()
    {
        var json = """{"status":"incomplete","incomplete_details":{"reason":"max_output_tokens"},"output":[]}""";

        Assert.Equal("max_output_tokens", ChatAnswerReader.Response(Encoding.UTF8.GetBytes(json), "m")!.FinishReason);
    }

    [Theory]
    [InlineData("")]
    [InlineData("null")]
    [InlineData("{}")]
    [InlineData("{\"choices\":[]}")]
    [InlineData("{\"choices\":[{\"message\":\"text\"}]}")]
    public void ChatCompletion_Unusable_IsNull(string json) =>
        Assert.Null(ChatAnswerReader.ChatCompletion(Encoding.UTF8.GetBytes(json), "m"));

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"output\":\"text\"}")]
    public void Response_Unusable_IsNull(string json) =>
        Assert.Null(ChatAnswerReader.Response(Encoding.UTF8.GetBytes(json), "m"));
}
