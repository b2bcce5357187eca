namespace XaiGrok.Onboarding;

/// <summary>
/// A chat through the <see cref="Microsoft.Extensions.AI.IChatClient"/> of <see cref="GrokOnboarding.CreateChatClient"/>
/// failed in an expected way: the same stable <see cref="ErrorCode"/>, detail and <see cref="Hint"/> as the
/// <c>ok: false</c> result of <see cref="GrokOnboarding.ChatAsync"/> (SKILL.md lists the codes). The message and every
/// property are free of tokens and keys. Cancellation is an <see cref="OperationCanceledException"/> instead.
/// </summary>
public sealed class XaiGrokException : Exception
{
    internal XaiGrokException(string errorCode, string detail, string? hint, GrokFailureKind kind)
        : base($"{errorCode}: {detail}")
    {
        ErrorCode = errorCode;
        Detail = detail;
        Hint = hint;
        Kind = kind;
    }

    /// <summary>The stable error code, e.g. <c>not_connected</c>, <c>rate_limited</c>, <c>model_unavailable</c>.</summary>
    public string ErrorCode { get; }

    /// <summary>What happened.</summary>
    public string Detail { get; }

    /// <summary>What to do next (for the person or the agent), when there is advice.</summary>
    public string? Hint { get; }

    /// <summary>Where it failed, by the same table as <see cref="GrokFailure.Kind"/> (what a retry or alert policy keys on).</summary>
    public GrokFailureKind Kind { get; }

    /// <summary>Seconds to wait before trying again, when the server said so (<c>rate_limited</c>).</summary>
    public int? RetryAfterSeconds { get; init; }

    /// <summary>For <c>model_unavailable</c>: the chat models the subscription does include (with the <c>xai-grok/</c> prefix).</summary>
    public IReadOnlyList<string>? AvailableModels { get; init; }
}
