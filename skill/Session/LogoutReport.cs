namespace XaiGrok.Onboarding.Session;

/// <summary>What <c>logout</c> removed, and how the best-effort revocation went.</summary>
internal sealed record LogoutReport(bool RemovedCredential, int RemovedPendingFlows, string Revocation, string? RevocationDetail);
