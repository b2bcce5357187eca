namespace XaiGrok.Onboarding.Credentials;

/// <summary>
/// The stored session: tokens, when they stop working, what the access token says about the account, and the
/// endpoints and client that issued them (so a refresh needs no discovery). Never printed: see <see cref="ToString"/>.
/// </summary>
internal sealed record Credential
{
    public required string Source { get; init; }

    public required string AccessToken { get; init; }

    public string? RefreshToken { get; init; }

    public string? IdToken { get; init; }

    public required DateTimeOffset ExpiresAt { get; init; }

    public required DateTimeOffset ObtainedAt { get; init; }

    public long? Tier { get; init; }

    public string? Subject { get; init; }

    public string? Email { get; init; }

    public string? Issuer { get; init; }

    public string? ClientId { get; init; }

    public string? TokenEndpoint { get; init; }

    public string? RevocationEndpoint { get; init; }

    /// <summary>Set when a refresh was refused for good (<c>invalid_grant</c>): only a new sign-in helps.</summary>
    public string? ReauthReason { get; init; }

    public bool NeedsReauth => ReauthReason is not null;

    public bool IsExpired(DateTimeOffset now) => now >= ExpiresAt;

    /// <summary>Fresh enough to use without refreshing first.</summary>
    public bool IsFresh(DateTimeOffset now, TimeSpan earlyRefresh) => now < ExpiresAt - earlyRefresh;

    /// <summary>The account a model cache belongs to; never a token.</summary>
    public string AccountKey => Subject ?? Email ?? "unknown-account";

    public override string ToString() =>
        $"Credential(source={Source}, expires_at={ExpiresAt:O}, tier={Tier?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "unknown"}, refresh_token={(RefreshToken is null ? "none" : "[redacted]")})";
}
