using XaiGrok.Onboarding.Lanes;
using XaiGrok.Onboarding.Secrets;

namespace XaiGrok.Onboarding;

/// <summary>A model's answer, in one shape whichever API served it.</summary>
/// <param name="Model">The model that answered.</param>
/// <param name="Lane">The API that served it: <c>chat_completions</c> or <c>responses</c> (multi-agent models).</param>
/// <param name="Content">The answer's text (for a streamed answer that failed: the text that did arrive).</param>
/// <param name="FinishReason">Why the model stopped, as xAI said.</param>
/// <param name="Usage">Token counts, when xAI reported them.</param>
/// <param name="FailedOver">True when the first lane refused the model and the other one answered.</param>
public sealed record GrokChatAnswer(string Model, string Lane, string Content, string? FinishReason, GrokUsage? Usage, bool FailedOver)
{
    /// <summary>A server may echo a credential in its answer: the text is cut of every secret the module knows.</summary>
    internal static GrokChatAnswer From(ChatAnswer answer, bool failedOver, SecretRegistry secrets) => new(
        answer.Model,
        LaneRouter.Name(answer.Lane),
        secrets.Redact(answer.Content),
        answer.FinishReason,
        answer.Usage is { } usage ? GrokUsage.From(usage) : null,
        failedOver);
}
