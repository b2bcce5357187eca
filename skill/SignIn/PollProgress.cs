namespace XaiGrok.Onboarding;

/// <summary>Reported while <c>PollUntilCompleteAsync</c> waits: when it polls next and how long the code stays valid.</summary>
/// <param name="NextPollInSeconds">Seconds until the next poll.</param>
/// <param name="CodeExpiresIn">Time left before the sign-in code expires, when known.</param>
/// <param name="LastError">The error code of the last poll when it failed without ending the flow (e.g. <c>network_error</c>).</param>
public sealed record PollProgress(int NextPollInSeconds, TimeSpan? CodeExpiresIn, string? LastError);
