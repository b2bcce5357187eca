using Microsoft.Extensions.AI;
using XaiGrok.Onboarding.Lanes;
using AiMessage = Microsoft.Extensions.AI.ChatMessage;

namespace XaiGrok.Onboarding.AI;

/// <summary>
/// The engine's answer in Microsoft.Extensions.AI's shapes. The lane that answered (<c>chat_completions</c> or
/// <c>responses</c>) and a failover (<c>failed_over</c>) travel in <c>AdditionalProperties</c>, as in a chat result.
/// </summary>
internal static class ChatClientOutput
{
    public const string LaneProperty = "lane";
    public const string FailedOverProperty = "failed_over";

    /// <summary>A whole answer; <paramref name="content"/> is its text, already redacted.</summary>
    public static ChatResponse Response(ChatAnswer answer, string content, bool failedOver, DateTimeOffset createdAt) =>
        new(new AiMessage(ChatRole.Assistant, content) { CreatedAt = createdAt })
        {
            ModelId = answer.Model,
            CreatedAt = createdAt,
            FinishReason = FinishReason(answer.FinishReason),
            Usage = Usage(answer.Usage),
            AdditionalProperties = Properties(answer.Lane, failedOver),
        };

    /// <summary>A piece of a streamed answer; <paramref name="text"/> is already redacted.</summary>
    public static ChatResponseUpdate Delta(string text, string model, DateTimeOffset createdAt) =>
        new(ChatRole.Assistant, text) { ModelId = model, CreatedAt = createdAt };

    /// <summary>The last update of a stream: no text, the finish reason, the usage (as a <see cref="UsageContent"/>) and the lane.</summary>
    public static ChatResponseUpdate End(ChatAnswer answer, bool failedOver, DateTimeOffset createdAt) =>
        new(ChatRole.Assistant, answer.Usage is null ? [] : [new UsageContent(Usage(answer.Usage)!)])
        {
            ModelId = answer.Model,
            CreatedAt = createdAt,
            FinishReason = FinishReason(answer.FinishReason),
            AdditionalProperties = Properties(answer.Lane, failedOver),
        };

    public static UsageDetails? Usage(ChatUsage? usage) => usage is null ? null : new UsageDetails
    {
        InputTokenCount = usage.InputTokens,
        OutputTokenCount = usage.OutputTokens,
        TotalTokenCount = usage.InputTokens + usage.OutputTokens,
        ReasoningTokenCount = usage.ReasoningTokens,
    };

    // Both lanes end in the chat lane's words ("stop", "length"; the Responses API's incomplete reasons as they are).
    public static ChatFinishReason? FinishReason(string? reason) => reason switch
    {
        null or "" => null,
        "stop" => ChatFinishReason.Stop,
        "length" or "max_output_tokens" => ChatFinishReason.Length,
        "content_filter" => ChatFinishReason.ContentFilter,
        "tool_calls" => ChatFinishReason.ToolCalls,
        _ => new ChatFinishReason(reason),
    };

    private static AdditionalPropertiesDictionary Properties(Lane lane, bool failedOver)
    {
        var properties = new AdditionalPropertiesDictionary { [LaneProperty] = LaneRouter.Name(lane) };
        if (failedOver)
        {
            properties[FailedOverProperty] = true;
        }

        return properties;
    }
}
