namespace XaiGrok.Onboarding.Tokens;

/// <summary>
/// When a token stops being usable: the earliest of the server's <c>expires_in</c>, the JWT's own <c>exp</c> and a
/// 30-day ceiling (the Grok CLI's fallback for credentials with no known expiry).
/// </summary>
internal static class TokenLifetime
{
    public static readonly TimeSpan Ceiling = TimeSpan.FromDays(30);

    public static DateTimeOffset ExpiresAt(DateTimeOffset now, long? expiresInSeconds, DateTimeOffset? jwtExpiry)
    {
        var expiresAt = now + Ceiling;
        if (expiresInSeconds is { } seconds && seconds < Ceiling.TotalSeconds)
        {
            expiresAt = now + TimeSpan.FromSeconds(seconds);
        }

        if (jwtExpiry is { } exp && exp < expiresAt)
        {
            expiresAt = exp;
        }

        return expiresAt;
    }
}
