using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Caching.Memory;
using XaiGrok.Onboarding.Storage;

namespace XaiGrok.Onboarding.Models;

/// <summary>
/// The model list, cached in memory (for a long-lived host) in front of a file (for the next process), keyed by the
/// API origin and the account, valid for the configured TTL. Only successes are stored.
/// </summary>
internal sealed class ModelCache(StatePaths paths, InProcessCache memory, TimeProvider clock, TimeSpan ttl)
{
    // The list last read from the file, with the file's stamp then: a host that chats many times without fetching
    // pays a stat per call instead of a read and a parse (0.1 ms). A stamp is only a hint (FileStamp), which is
    // enough here: the list is not a secret, a wrong hint serves a list at most one rewrite old, and the TTL holds.
    private FileRead? lastRead;

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

        var stamp = FileStamp.Of(paths.ModelCacheFile);
        if (Volatile.Read(ref lastRead) is { } last && last.Stamp == stamp && last.Key == key)
        {
            return IsValid(last.List.FetchedAt) ? last.List : null;
        }

        var read = SafeFile.Read(paths.ModelCacheFile, 1024 * 1024);
        if (read.Status != ReadStatus.Ok)
        {
            return null;
        }

        var file = ModelCacheFile.Parse(read.Content);
        if (file?.Key != key || file.UpstreamIds is not { } ids || ids.Contains(null!))
        {
            return null;
        }

        var fetchedAt = DateTimeOffset.FromUnixTimeMilliseconds(Math.Clamp(file.FetchedAt, 0, 253402300799000));
        if (!IsValid(fetchedAt))
        {
            return null;
        }

        // Not put in the memory cache (that would load it in every short-lived process); remembered with its stamp.
        var list = ModelCatalog.Build(ids, fetchedAt);
        if (stamp is not null)
        {
            Volatile.Write(ref lastRead, new FileRead(stamp.Value, key, list));
        }

        return list;
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
        Volatile.Write(ref lastRead, null);
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

    private sealed record FileRead(FileStamp Stamp, string Key, ModelList List);
}
