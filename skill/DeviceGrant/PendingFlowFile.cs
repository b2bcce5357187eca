using System.Text.Json.Serialization;

namespace XaiGrok.Onboarding.DeviceGrant;

/// <summary>The schema of a pending flow's file (<c>pending-&lt;id&gt;.json</c>), with explicit key names.</summary>
internal sealed class PendingFlowFile
{
    [JsonPropertyName("pending_id")]
    public string? PendingId { get; set; }

    [JsonPropertyName("issuer")]
    public string? Issuer { get; set; }

    [JsonPropertyName("client_id")]
    public string? ClientId { get; set; }

    [JsonPropertyName("token_endpoint")]
    public string? TokenEndpoint { get; set; }

    [JsonPropertyName("revocation_endpoint")]
    public string? RevocationEndpoint { get; set; }

    [JsonPropertyName("device_code")]
    public string? DeviceCode { get; set; }

    [JsonPropertyName("user_code")]
    public string? UserCode { get; set; }

    [JsonPropertyName("verification_uri")]
    public string? VerificationUri { get; set; }

    [JsonPropertyName("verification_uri_complete")]
    public string? VerificationUriComplete { get; set; }

    [JsonPropertyName("created_at")]
    public long CreatedAt { get; set; }

    [JsonPropertyName("expires_at")]
    public long ExpiresAt { get; set; }

    [JsonPropertyName("interval_seconds")]
    public int IntervalSeconds { get; set; }

    [JsonPropertyName("next_poll_at")]
    public long NextPollAt { get; set; }

    public static PendingFlowFile From(PendingFlow flow) => new()
    {
        PendingId = flow.PendingId,
        Issuer = flow.Issuer,
        ClientId = flow.ClientId,
        TokenEndpoint = flow.TokenEndpoint,
        RevocationEndpoint = flow.RevocationEndpoint,
        DeviceCode = flow.DeviceCode,
        UserCode = flow.UserCode,
        VerificationUri = flow.VerificationUri,
        VerificationUriComplete = flow.VerificationUriComplete,
        CreatedAt = flow.CreatedAt.ToUnixTimeMilliseconds(),
        ExpiresAt = flow.ExpiresAt.ToUnixTimeMilliseconds(),
        IntervalSeconds = flow.IntervalSeconds,
        NextPollAt = flow.NextPollAt.ToUnixTimeMilliseconds(),
    };

    public PendingFlow? ToFlow()
    {
        if (PendingId is null || Issuer is null || ClientId is null || TokenEndpoint is null || DeviceCode is null || UserCode is null
            || VerificationUri is null || VerificationUriComplete is null || IntervalSeconds <= 0 || !InRange(CreatedAt) || !InRange(ExpiresAt) || !InRange(NextPollAt))
        {
            return null;
        }

        return new PendingFlow
        {
            PendingId = PendingId,
            Issuer = Issuer,
            ClientId = ClientId,
            TokenEndpoint = TokenEndpoint,
            RevocationEndpoint = RevocationEndpoint,
            DeviceCode = DeviceCode,
            UserCode = UserCode,
            VerificationUri = VerificationUri,
            VerificationUriComplete = VerificationUriComplete,
            CreatedAt = DateTimeOffset.FromUnixTimeMilliseconds(CreatedAt),
            ExpiresAt = DateTimeOffset.FromUnixTimeMilliseconds(ExpiresAt),
            IntervalSeconds = IntervalSeconds,
            NextPollAt = DateTimeOffset.FromUnixTimeMilliseconds(NextPollAt),
        };
    }

    private static bool InRange(long milliseconds) => milliseconds is > 0 and < 253402300799000;
}
