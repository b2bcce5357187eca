using XaiGrok.Onboarding.Secrets;
using XaiGrok.Onboarding.SignIn;

namespace XaiGrok.Onboarding;

/// <summary>A poll that did not fail: the sign-in still waits (<see cref="Pending"/>), or it connected (<see cref="Connection"/>).</summary>
public sealed record GrokSignInProgress
{
    /// <summary>True when the person approved and the session is stored.</summary>
    public bool IsConnected => Connection is not null;

    /// <summary>The sign-in still waiting, when it is not connected yet.</summary>
    public GrokPendingSignIn? Pending { get; init; }

    /// <summary>While pending: the least wait, in seconds, before polling again.</summary>
    public int RetryAfterSeconds { get; init; }

    /// <summary>While pending: why the wait grew, when it did (<c>slow_down</c>, an unreachable server).</summary>
    public string? Notice { get; init; }

    /// <summary>The new connection, once the person approved.</summary>
    public GrokConnection? Connection { get; init; }

    internal static GrokSignInProgress From(PollResult result, string? selected, TimeProvider clock, SecretRegistry secrets) => result.Connected
        ? new() { Connection = GrokConnection.From(result.Credential!, selected, result.Models?.List, result.ModelsProblem, secrets) }
        : new() { Pending = GrokPendingSignIn.From(result.Flow!, clock), RetryAfterSeconds = result.RetryAfterSeconds, Notice = result.Notice };
}
