using XaiGrok.Onboarding.Credentials;
using XaiGrok.Onboarding.DeviceGrant;
using XaiGrok.Onboarding.Errors;
using XaiGrok.Onboarding.Tokens;

namespace XaiGrok.Onboarding.SignIn;

/// <summary>One poll's end, with the flow as it should be saved next (new interval, next poll time).</summary>
internal sealed record PollStep(PollStepKind Kind, PendingFlow Flow, TokenResponse? Tokens = null, Failure? Failure = null)
{
    /// <summary>For <see cref="PollStepKind.Issued"/>: the credential made of the tokens, once it is stored.</summary>
    public Credential? Stored { get; init; }
}
