using XaiGrok.Onboarding.DeviceGrant;

namespace XaiGrok.Onboarding;

/// <summary>A device sign-in just started: show the person <paramref name="VerificationUrlWithCode"/>, then poll.</summary>
/// <param name="PendingId">The id to poll it by.</param>
/// <param name="UserCode">The code the person may compare (it is already in the link).</param>
/// <param name="VerificationUrl">The approval page without the code.</param>
/// <param name="VerificationUrlWithCode">The link the person opens to approve.</param>
/// <param name="ExpiresInSeconds">Seconds before the code expires.</param>
/// <param name="IntervalSeconds">The least wait between two polls.</param>
/// <param name="ExpiresAt">When the code expires.</param>
public sealed record GrokSignInStarted(
    string PendingId,
    string UserCode,
    string VerificationUrl,
    string VerificationUrlWithCode,
    long ExpiresInSeconds,
    int IntervalSeconds,
    DateTimeOffset ExpiresAt)
{
    internal static GrokSignInStarted From(PendingFlow flow, TimeProvider clock) => new(
        flow.PendingId,
        flow.UserCode,
        flow.VerificationUri,
        flow.VerificationUriComplete,
        Seconds.Until(flow.ExpiresAt, clock),
        flow.IntervalSeconds,
        flow.ExpiresAt);
}
