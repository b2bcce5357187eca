using XaiGrok.Onboarding.Models;

namespace XaiGrok.Onboarding.Stores;

/// <summary>The person's model list, keyed by API origin and account, valid for the configured TTL. Only successes are stored.</summary>
internal interface IModelCacheStore
{
    /// <summary>The list stored under <paramref name="key"/> while it is still valid, else null.</summary>
    ModelList? TryGet(string key);

    ModelList Store(string key, IReadOnlyList<string> upstreamIds);

    void Clear();
}
