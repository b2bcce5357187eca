using System.Text.Json.Serialization;

namespace XaiGrok.Onboarding.Models;

/// <summary>The schema of <c>models-cache.json</c>: one account's list on one API origin, and when it was fetched.</summary>
internal sealed class ModelCacheFile
{
    [JsonPropertyName("key")]
    public string? Key { get; set; }

    [JsonPropertyName("fetched_at")]
    public long FetchedAt { get; set; }

    [JsonPropertyName("upstream_ids")]
    public List<string>? UpstreamIds { get; set; }
}
