namespace XaiGrok.Onboarding.DeviceGrant;

/// <summary>
/// A device sign-in waiting for the person's approval, saved so that a <c>poll</c> in another process finds it.
/// <see cref="NextPollAt"/> is the earliest moment the token endpoint may be asked again (RFC 8628 §3.5).
/// </summary>
internal sealed record PendingFlow
{
    public required string PendingId { get; init; }

    public required string Issuer { get; init; }

    public required string ClientId { get; init; }

    public required string TokenEndpoint { get; init; }

    public string? RevocationEndpoint { get; init; }

    public required string DeviceCode { get; init; }

    public required string UserCode { get; init; }

    public required string VerificationUri { get; init; }

    public required string VerificationUriComplete { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset ExpiresAt { get; init; }

    public required int IntervalSeconds { get; init; }

    public required DateTimeOffset NextPollAt { get; init; }

    public TimeSpan Interval => TimeSpan.FromSeconds(IntervalSeconds);

    public override string ToString() => $"PendingFlow({PendingId}, user_code={UserCode}, device_code=[redacted], expires_at={ExpiresAt:O})";
}
