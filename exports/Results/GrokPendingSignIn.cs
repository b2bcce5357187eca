using XaiGrok.Onboarding.DeviceGrant;

namespace XaiGrok.Onboarding;

/// <summary>A device sign-in waiting for the person's approval: what finds it again and what to show them.</summary>
/// <param name="PendingId">The id to poll it by.</param>
/// <param name="UserCode">The code the person may compare (it is already in <paramref name="VerificationUrlWithCode"/>).</param>
/// <param name="VerificationUrlWithCode">The link the person opens to approve.</param>
/// <param name="ExpiresInSeconds">Seconds left before the code expires (0 when it has).</param>
public sealed record GrokPendingSignIn(string PendingId, string UserCode, string VerificationUrlWithCode, long ExpiresInSeconds)
{
    internal static GrokPendingSignIn From(PendingFlow flow, TimeProvider clock) =>
        new(flow.PendingId, flow.UserCode, flow.VerificationUriComplete, Seconds.Until(flow.ExpiresAt, clock));
}
