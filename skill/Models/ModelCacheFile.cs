using System.Text.Json.Serialization;
using XaiGrok.Onboarding.Storage;

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

    /// <summary>Reads the file without the serializer (<see cref="StateFileReader"/>); null when it does not fit.</summary>
    public static ModelCacheFile? Parse(ReadOnlyMemory<byte> json) => StateFileReader.Read<ModelCacheFile>(json, static (file, name, value) =>
    {
        switch (name)
        {
            case "key": file.Key = StateFileReader.Text(value); break;
            case "fetched_at": file.FetchedAt = StateFileReader.Int64(value); break;
            case "upstream_ids": file.UpstreamIds = StateFileReader.TextList(value); break;
        }
    });
}
