namespace XaiGrok.Emulator;

/// <summary>One device authorization (RFC 8628 §3.2); mutated only under <see cref="AuthorizationStore.Gate"/>.</summary>
internal sealed class DeviceFlow(string deviceCode, string userCode, string clientId, string scope, DateTimeOffset expiresAt, int intervalSeconds)
{
    public string DeviceCode { get; } = deviceCode;
    public string UserCode { get; } = userCode;
    public string ClientId { get; } = clientId;
    public string Scope { get; } = scope;
    public DateTimeOffset ExpiresAt { get; } = expiresAt;
    public int IntervalSeconds { get; set; } = intervalSeconds;
    public DateTimeOffset? LastPollAt { get; set; }
    public DeviceFlowStatus Status { get; set; } = DeviceFlowStatus.Pending;
    public int Tier { get; set; }

    /// <summary>The account that approved, when a test names one (two sign-ins linked to one account); else a new one.</summary>
    public string? Subject { get; set; }
}
