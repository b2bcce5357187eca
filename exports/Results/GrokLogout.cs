using XaiGrok.Onboarding.Secrets;
using XaiGrok.Onboarding.Session;

namespace XaiGrok.Onboarding;

/// <summary>What a logout removed, and how the best-effort revocation at the issuer went.</summary>
/// <param name="RemovedCredential">True when a stored session was removed.</param>
/// <param name="RemovedPendingFlows">How many waiting sign-ins were dropped.</param>
/// <param name="Revocation"><c>revoked</c>, <c>not_supported</c>, <c>nothing_to_revoke</c> or <c>failed</c>.</param>
/// <param name="RevocationDetail">Why the revocation failed, when it did.</param>
public sealed record GrokLogout(bool RemovedCredential, int RemovedPendingFlows, string Revocation, string? RevocationDetail)
{
    internal static GrokLogout From(LogoutReport report, SecretRegistry secrets) => new(
        report.RemovedCredential,
        report.RemovedPendingFlows,
        report.Revocation,
        report.RevocationDetail is { } detail ? secrets.Redact(detail) : null);
}
