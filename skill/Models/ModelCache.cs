using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using XaiGrok.Onboarding.Caching;
using XaiGrok.Onboarding.Storage;
using XaiGrok.Onboarding.Stores;

namespace XaiGrok.Onboarding.Models;

/// <summary>
/// The model list, cached in a file (for the next call and the next process), keyed by the API origin and the account,
/// valid for the configured TTL. Only successes are stored. A long-lived host keeps the file's parse while the file
/// provably has not changed (<see cref="UnchangedFileCache{T}"/>), so a list another process fetched, or a logout that
/// deleted it, is seen on the next call; there is no memory layer in front (skill/Caching/README.md says why).
/// (<c>fileSystemClock</c> is the kernel's wall clock for the file cache; tests pass one that makes files look settled.)
/// </summary>
internal sealed class ModelCache(StatePaths paths, TimeProvider clock, TimeSpan ttl, TimeProvider? fileSystemClock = null) : IModelCacheStore
{
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

    public ModelList? TryGet(string key) =>
        onDisk.Get() is { } stored && stored.Key == key && IsValid(stored.List.FetchedAt) ? stored.List : null;

    public ModelList Store(string key, IReadOnlyList<string> upstreamIds)
    {
        var list = ModelCatalog.Build(upstreamIds, clock.GetUtcNow());
        var file = new ModelCacheFile { Key = key, FetchedAt = list.FetchedAt.ToUnixTimeMilliseconds(), UpstreamIds = [.. upstreamIds] };
        AtomicFile.Write(paths.ModelCacheFile, JsonSerializer.SerializeToUtf8Bytes(file, StateJsonContext.Default.ModelCacheFile));
        onDisk.Forget();
        return list;
    }

    public void Clear()
    {
        onDisk.Forget();
        SafeFile.Delete(paths.ModelCacheFile);
    }

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
