using XaiGrok.Onboarding.Lanes;
using Xunit;

namespace XaiGrok.Onboarding.Tests.Lanes;

public sealed class StreamAccumulatorTests
{
    [Fact]
    public void ChatChunks_YieldDeltasThenCompleteOnDone()
    {
        var stream = new StreamAccumulator("xai-grok/grok-4.3", Lane.ChatCompletions);

        var deltas = new[]
        {
            stream.Take(null, """{"choices":[{"index":0,"delta":{"role":"assistant","content":"Hel"},"finish_reason":null}]}"""),
            stream.Take(null, """{"choices":[{"index":0,"delta":{"content":"lo"},"finish_reason":null}]}"""),
            stream.Take(null, """{"choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}"""),
            stream.Take(null, """{"choices":[],"usage":{"prompt_tokens":3,"completion_tokens":1}}"""),
        };
        Assert.False(stream.Completed);
        stream.Take(null, "[DONE]");

        Assert.Equal("Hel|lo||", string.Join("|", deltas));
        Assert.True(stream.Completed);
        Assert.Equal(new ChatAnswer("xai-grok/grok-4.3", Lane.ChatCompletions, "Hello", "stop", new ChatUsage(3, 1, null)), stream.Answer);
    }

    [Fact]
    public void ResponseEvents_YieldTextDeltas_CompletedCarriesUsage()
    {
        var stream = new StreamAccumulator("m", Lane.Responses);

        Assert.Null(stream.Take("response.created", """{"type":"response.created","response":{"status":"in_progress","output":[]}}"""));
        Assert.Equal("Hi", stream.Take("response.output_text.delta", """{"type":"response.output_text.delta","delta":"Hi"}"""));
        Assert.Equal(" you", stream.Take("response.output_text.delta", """{"type":"response.output_text.delta","delta":" you"}"""));
        Assert.False(stream.Completed);
        stream.Take("response.completed", """{"type":"response.completed","response":{"status":"completed","output":[],"usage":{"input_tokens":4,"output_tokens":2,"output_tokens_details":{"reasoning_tokens":16}}}}""");

        Assert.True(stream.Completed);
        Assert.Equal("Hi you", stream.Answer.Content);
        Assert.Equal("stop", stream.Answer.FinishReason);
        Assert.Equal(new ChatUsage(4, 2, 16), stream.Answer.Usage);
    }

    [Fact]
    public void ResponseFailedEvent_IsAServerError()
    {
        var stream = new StreamAccumulator("m", Lane.Responses);

        stream.Take("response.failed", """{"type":"response.failed","response":{"error":{"message":"overloaded"}}}""");

        Assert.Equal("overloaded", stream.ServerError);
        Assert.False(stream.Completed);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{\"choices\":\"x\"}")]
    [InlineData("{\"choices\":[1]}")]
    [InlineData("[1]")]
    public void GarbageEvents_MakeTheStreamUnreadable(string data)
    {
        var stream = new StreamAccumulator("m", Lane.ChatCompletions);

        Assert.Null(stream.Take(null, data));

        Assert.NotNull(stream.Unreadable);
        Assert.False(stream.Completed);
        Assert.Equal("", stream.Answer.Content);
    }

    [Fact]
    public void EmptyEvents_AreKeepAlives()
    {
        var stream = new StreamAccumulator("m", Lane.ChatCompletions);

        Assert.Null(stream.Take(null, ""));
        Assert.Null(stream.Take(null, "  "));

        Assert.Null(stream.Unreadable);
        Assert.False(stream.Completed);
    }

    [Fact]
    public void ResponseFailedWithAStringResponse_IsUnreadable()
    {
        var stream = new StreamAccumulator("m", Lane.Responses);

        stream.Take("response.failed", """{"type":"response.failed","response":"boom"}""");

        Assert.NotNull(stream.Unreadable);
        Assert.Null(stream.ServerError);
    }

    [Fact]
    public void AnswerPastTheLimit_KeepsWhatFits_AndSaysSo()
    {
        var stream = new StreamAccumulator("m", Lane.ChatCompletions, maxAnswerChars: 5);

        Assert.Equal("abc", stream.Take(null, """{"choices":[{"delta":{"content":"abc"}}]}"""));
        Assert.False(stream.TooLong);
        Assert.Equal("de", stream.Take(null, """{"choices":[{"delta":{"content":"defgh"}}]}"""));

        Assert.True(stream.TooLong);
        Assert.Equal("abcde", stream.Answer.Content);
    }

    [Fact]
    public void AnswerPastTheLimit_NeverKeepsHalfASurrogatePair()
    {
        var stream = new StreamAccumulator("m", Lane.ChatCompletions, maxAnswerChars: 3);

        stream.Take(null, """{"choices":[{"delta":{"content":"ab\ud83d\ude00"}}]}""");

        Assert.True(stream.TooLong);
        Assert.Equal("ab", stream.Answer.Content);
    }
}
