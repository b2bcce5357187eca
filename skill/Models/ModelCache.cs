using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Caching.Memory;
using XaiGrok.Onboarding.Storage;
using XaiGrok.Onboarding.Stores;

namespace XaiGrok.Onboarding.Models;

/// <summary>
/// The model list, cached in memory (for a long-lived host) in front of a file (for the next process), keyed by the
/// API origin and the account, valid for the configured TTL. Only successes are stored. (<c>fileSystemClock</c> is the
/// kernel's wall clock for <see cref="UnchangedFileCache{T}"/>; tests pass one that makes files look settled.)
/// </summary>
internal sealed class ModelCache(StatePaths paths, InProcessCache memory, TimeProvider clock, TimeSpan ttl, TimeProvider? fileSystemClock = null) : IModelCacheStore
{
    // The list last read from the file, kept while the file provably has not changed: a host that chats many
    // times without fetching pays a statx per call instead of a read and a parse (0.1 ms).
    private readonly UnchangedFileCache<StoredList?> onDisk = new(paths.ModelCacheFile, ReadFile, fileSystemClock ?? TimeProvider.System, absent: () => null);

    /// <summary>
    /// The cache key: API origin and account. An account id is kept as it is (it is in auth.json anyway, and hashing
    /// it on every status would load the crypto stack for nothing); an API key is a secret, so only its hash is kept.
    /// </summary>
    public static string KeyFor(Uri apiBase, string account) =>
        apiBase.GetLeftPart(UriPartial.Authority) + apiBase.AbsolutePath.TrimEnd('/') + "|" +
        (account.StartsWith(Credentials.Bearer.ApiKeyAccountPrefix, StringComparison.Ordinal)
            ? "key-sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(account)))[..16]
            : account);

    public ModelList? TryGet(string key)
    {
        if (memory.IsValueCreated && memory.Value.TryGetValue(key, out ModelList? held) && held is not null && IsValid(held.FetchedAt))
        {
            return held;
        }

        // Not put in the memory cache (that would load it in every short-lived process).
        return onDisk.Get() is { } stored && stored.Key == key && IsValid(stored.List.FetchedAt) ? stored.List : null;
    }

    public ModelList Store(string key, IReadOnlyList<string> upstreamIds)
    {
        var list = ModelCatalog.Build(upstreamIds, clock.GetUtcNow());
        var file = new ModelCacheFile { Key = key, FetchedAt = list.FetchedAt.ToUnixTimeMilliseconds(), UpstreamIds = [.. upstreamIds] };
        AtomicFile.Write(paths.ModelCacheFile, JsonSerializer.SerializeToUtf8Bytes(file, StateJsonContext.Default.ModelCacheFile));
        Remember(key, list);
        return list;
    }

    public void Clear()
    {
        onDisk.Forget();
        if (memory.IsValueCreated)
        {
            memory.Value.Clear();
        }

        SafeFile.Delete(paths.ModelCacheFile);
    }

    private void Remember(string key, ModelList list) => memory.Value.Set(key, list, list.FetchedAt + ttl);

    // A fetch time in the future (clock moved back, or a hand-edited file) is not trusted.
    private bool IsValid(DateTimeOffset fetchedAt)
    {
        var now = clock.GetUtcNow();
        return fetchedAt <= now + TimeSpan.FromMinutes(1) && now < fetchedAt + ttl;
    }

    private static StoredList? ReadFile(string path)
    {
        var read = SafeFile.Read(path, 1024 * 1024);
        if (read.Status != ReadStatus.Ok || ModelCacheFile.Parse(read.Content) is not { Key: { } key, UpstreamIds: { } ids } stored || ids.Contains(null!))
        {
            return null;
        }

        var fetchedAt = DateTimeOffset.FromUnixTimeMilliseconds(Math.Clamp(stored.FetchedAt, 0, 253402300799000));
        return new StoredList(key, ModelCatalog.Build(ids, fetchedAt));
    }

    private sealed record StoredList(string Key, ModelList List);
}
