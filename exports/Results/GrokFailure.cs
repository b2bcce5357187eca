using XaiGrok.Onboarding.Errors;
using XaiGrok.Onboarding.Secrets;

namespace XaiGrok.Onboarding;

/// <summary>
/// Why a call did not do what it was asked: the stable <paramref name="Code"/> SKILL.md's error table lists, what
/// happened, what to do next, and the <paramref name="Kind"/> of failure. It never holds a token.
/// </summary>
/// <param name="Code">The stable error code (<c>not_connected</c>, <c>rate_limited</c>, …).</param>
/// <param name="Detail">What happened, for a log or an operator.</param>
/// <param name="Hint">What to do next, when there is something to do.</param>
/// <param name="Kind">Where the failure came from.</param>
public sealed record GrokFailure(string Code, string Detail, string? Hint, GrokFailureKind Kind)
{
    /// <summary>Seconds to wait before trying again, when the server or the protocol says so.</summary>
    public int? RetryAfterSeconds { get; init; }

    /// <summary>The OAuth error code the server sent (with <c>oauth_error</c>).</summary>
    public string? ServerError { get; init; }

    /// <summary>With <c>model_unavailable</c>: the chat models the subscription does include.</summary>
    public IReadOnlyList<string>? AvailableModels { get; init; }

    /// <summary>The sign-in link an external auth provider printed, when it did.</summary>
    public string? SignInUrl { get; init; }

    /// <summary>What an external auth provider printed on stderr during the call, for the person.</summary>
    public IReadOnlyList<string>? ProviderMessages { get; init; }

    internal static GrokFailure From(Failure failure, SecretRegistry? secrets = null) => new(
        failure.Code,
        Redact(failure.Detail, secrets)!,
        Redact(failure.Hint, secrets),
        FailureKinds.Of(failure.Code))
    {
        RetryAfterSeconds = failure.RetryAfterSeconds,
        ServerError = failure.ServerError,
        AvailableModels = failure.AvailableModels,
        SignInUrl = Redact(failure.SignInUrl, secrets),
        ProviderMessages = secrets is null ? failure.ProviderMessages : failure.ProviderMessages?.Select(secrets.Redact).ToArray(),
    };

    private static string? Redact(string? text, SecretRegistry? secrets) => text is null || secrets is null ? text : secrets.Redact(text);
}
