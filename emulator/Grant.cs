namespace XaiGrok.Emulator;

/// <summary>
/// One user's consent to one client: the family of every refresh and access token issued from it,
/// so that revoking it (or reusing a rotated-out refresh token) stops them all.
/// </summary>
internal sealed class Grant(string subject, string clientId, string scope, int tier, string? nonce)
{
    public string Subject { get; } = subject;
    public string Email { get; } = subject + "@users.emulator.invalid";
    public string ClientId { get; } = clientId;
    public string Scope { get; } = scope;
    public int Tier { get; } = tier;
    public string? Nonce { get; } = nonce;
    public string? CurrentRefreshToken { get; set; }
    public bool Revoked { get; set; }
}
