using System.Text.Json;
using XaiGrok.Onboarding.Caching;
using XaiGrok.Onboarding.Storage;
using XaiGrok.Onboarding.Stores;

namespace XaiGrok.Onboarding.Models;

/// <summary>
/// Remembers, across processes, which chat models a call showed the account can or cannot use (<c>models-access.json</c>,
/// one account at a time, keyed like the model cache). Unlike the list it does not expire: it changes only when a
/// later call says otherwise. Written atomically under the model cache's lock; reading costs one <c>statx</c> while
/// the file is unchanged. The file store's <see cref="IModelAccessStore"/>.
/// </summary>
internal sealed class ModelAccess(StatePaths paths, TimeProvider clock, TimeSpan lockTimeout, TimeProvider? fileSystemClock = null) : IModelAccessStore
{
    /// <summary>Far more than the models xAI offers; a record grown past it (a hand-edited file) is cut to its newest entries.</summary>
    public const int MaxModels = 200;

    private readonly UnchangedFileCache<ModelAccessFile?> onDisk = new(paths.ModelAccessFile, ReadFile, fileSystemClock ?? TimeProvider.System, absent: () => null);

    public ModelAccessFacts For(string key) =>
        onDisk.Get() is { Key: { } stored } file && stored == key
            ? new ModelAccessFacts(new HashSet<string>(file.Works ?? [], StringComparer.Ordinal), new HashSet<string>(file.Refused ?? [], StringComparer.Ordinal))
            : ModelAccessFacts.None;

    /// <summary>
    /// Records that a call to <paramref name="upstreamId"/> worked (or was refused). Nothing is written when the file
    /// already says so, so the usual chat pays no lock and no write.
    /// </summary>
    /// <exception cref="StorageException">The lock was not taken in time or the file could not be written.</exception>
    public async Task RecordAsync(string key, string upstreamId, bool worked, CancellationToken cancellationToken)
    {
        if (For(key).Says(upstreamId) == worked)
        {
            return;
        }

        using var held = await CrossProcessLock.AcquireAsync(paths.ModelCacheLock, lockTimeout, clock, cancellationToken).ConfigureAwait(false);
        onDisk.Forget();
        var current = For(key);
        if (current.Says(upstreamId) == worked)
        {
            return;
        }

        var works = current.Works.Where(id => id != upstreamId).ToList();
        var refused = current.Refused.Where(id => id != upstreamId).ToList();
        (worked ? works : refused).Add(upstreamId);
        var file = new ModelAccessFile { Key = key, Works = Newest(works), Refused = Newest(refused) };
        AtomicFile.Write(paths.ModelAccessFile, JsonSerializer.SerializeToUtf8Bytes(file, StateJsonContext.Default.ModelAccessFile));
        onDisk.Forget();
    }

    public void Clear()
    {
        onDisk.Forget();
        SafeFile.Delete(paths.ModelAccessFile);
    }

    private static List<string> Newest(List<string> ids) => ids.Count > MaxModels ? ids[^MaxModels..] : ids;

    private static bool IsId(string? id) => id is not null && ModelIds.IsWellFormed(id);

    private static ModelAccessFile? ReadFile(string path)
    {
        var read = SafeFile.Read(path, 256 * 1024);
        return read.Status == ReadStatus.Ok && ModelAccessFile.Parse(read.Content) is { Key: not null } file
            && (file.Works ?? []).All(IsId) && (file.Refused ?? []).All(IsId)
                ? file
                : null;
    }
}
