namespace XaiGrok.Emulator;

/// <summary>An authorization code (RFC 6749 §4.1.2) bound to its PKCE challenge (RFC 7636 §4.4).</summary>
internal sealed record AuthorizationCode(
    string ClientId,
    string RedirectUri,
    string CodeChallenge,
    string Scope,
    string? Nonce,
    int Tier,
    DateTimeOffset ExpiresAt);
