using XaiGrok.Onboarding.Credentials;
using XaiGrok.Onboarding.Tiers;

namespace XaiGrok.Onboarding;

/// <summary>A session refreshed on request (refreshes normally happen by themselves).</summary>
/// <param name="Source">How the session was obtained.</param>
/// <param name="Tier">The new access token's raw <c>tier</c> claim, when it has one.</param>
/// <param name="Subscription">The tier's name, or <c>unknown</c>.</param>
/// <param name="ExpiresAt">When the new access token expires.</param>
public sealed record GrokRefreshed(string Source, long? Tier, string Subscription, DateTimeOffset ExpiresAt)
{
    internal static GrokRefreshed From(Credential credential) =>
        new(credential.Source, credential.Tier, TierTable.SubscriptionFor(credential.Tier), credential.ExpiresAt);
}
