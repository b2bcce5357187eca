namespace XaiGrok.Onboarding.Errors;

/// <summary>
/// An expected failure, as a value: a stable <see cref="Code"/>, what happened (<see cref="Detail"/>) and what
/// to do next (<see cref="Hint"/>). Never holds a secret: details name fields and statuses, not their values.
/// </summary>
internal sealed record Failure(string Code, string Detail, string? Hint = null)
{
    /// <summary>What to do next: the one given, else the code's own (<see cref="CodeHints"/>).</summary>
    public string? Hint { get; init; } = Hint ?? CodeHints.For(Code);

    /// <summary>Seconds the caller should wait before trying again, when the server or the protocol says so.</summary>
    public int? RetryAfterSeconds { get; init; }

    /// <summary>The OAuth error code the server sent, when the failure came from an OAuth endpoint.</summary>
    public string? ServerError { get; init; }

    /// <summary>The sign-in link an external auth provider printed, when it did.</summary>
    public string? SignInUrl { get; init; }

    /// <summary>What an external auth provider printed on stderr, for the person.</summary>
    public IReadOnlyList<string>? ProviderMessages { get; init; }

    /// <summary>For <c>model_unavailable</c>: the chat models the subscription does include.</summary>
    public IReadOnlyList<string>? AvailableModels { get; init; }
}
