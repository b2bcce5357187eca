using XaiGrok.Onboarding.Credentials;
using XaiGrok.Onboarding.DeviceGrant;
using XaiGrok.Onboarding.Errors;
using XaiGrok.Onboarding.Models;

namespace XaiGrok.Onboarding.SignIn;

/// <summary>
/// A poll that did not fail: still pending (with when to ask again), or connected (with the stored credential and,
/// when the fetch worked, the models).
/// </summary>
internal sealed record PollResult
{
    public required bool Connected { get; init; }

    public PendingFlow? Flow { get; init; }

    public int RetryAfterSeconds { get; init; }

    /// <summary>Why the wait grew, when it did (<c>slow_down</c>, an unreachable server).</summary>
    public string? Notice { get; init; }

    public Credential? Credential { get; init; }

    public ModelsView? Models { get; init; }

    /// <summary>The model fetch's failure after a successful sign-in (the sign-in still stands).</summary>
    public Failure? ModelsProblem { get; init; }
}
