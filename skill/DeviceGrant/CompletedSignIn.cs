using System.Text.Json.Serialization;

namespace XaiGrok.Onboarding.DeviceGrant;

/// <summary>
/// One entry of <c>completed-sign-ins.json</c>: a pending flow that ended in a connection, so that a later poll for
/// it answers <c>connected</c> again instead of "no sign-in is waiting". It holds no secret.
/// </summary>
internal sealed class CompletedSignIn
{
    [JsonPropertyName("pending_id")]
    public string? PendingId { get; set; }

    /// <summary>Unix milliseconds.</summary>
    [JsonPropertyName("completed_at")]
    public long CompletedAt { get; set; }

    /// <summary>Unix milliseconds; after this the entry is forgotten.</summary>
    [JsonPropertyName("keep_until")]
    public long KeepUntil { get; set; }
}
