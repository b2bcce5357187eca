namespace XaiGrok.Onboarding.Storage;

/// <summary>
/// A cheap fingerprint of a file on disk, to notice that another process replaced it (hot reload).
/// Without the inode (not reachable without P/Invoke) two same-length writes within the file system's
/// timestamp granularity (a few ms) can look alike: a hint only, so anything that must not act on stale
/// tokens (a refresh) re-reads the file under the lock instead of trusting it.
/// </summary>
internal readonly record struct FileStamp(long Length, long LastWriteTicks, long CreationTicks)
{
    /// <summary>The stamp of the file at <paramref name="path"/>, or null when there is none.</summary>
    public static FileStamp? Of(string path)
    {
        var file = new FileInfo(path);
        return file.Exists ? new FileStamp(file.Length, file.LastWriteTimeUtc.Ticks, file.CreationTimeUtc.Ticks) : null;
    }
}
