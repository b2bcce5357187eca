namespace XaiGrok.Onboarding.Oidc;

/// <summary>The claims of a validated id_token that the sign-in reports.</summary>
internal sealed record IdTokenClaims(string Subject, string? Email);
