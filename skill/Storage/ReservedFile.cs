namespace XaiGrok.Onboarding.Storage;

/// <summary>
/// The next version of a file, with its disk space taken before its content is known: a temp file beside the target,
/// written to <see cref="Capacity"/> bytes and flushed, so that writing the real content later overwrites blocks the
/// file already owns instead of asking the file system for new ones. For a write that must not fail for lack of space
/// once something irreversible has happened (a refresh token spent at the server). The commit is atomic, as
/// <see cref="AtomicFile"/>'s. (A copy-on-write file system, such as btrfs or ZFS, allocates even on overwrite: there
/// the reservation makes a full disk unlikely, not impossible, and a failed commit says so.)
/// </summary>
internal sealed class ReservedFile : IDisposable
{
    private readonly string path;
    private readonly string tempPath;
    private FileStream? stream;

    private ReservedFile(string path, string tempPath, FileStream stream, int capacity)
    {
        this.path = path;
        this.tempPath = tempPath;
        this.stream = stream;
        Capacity = capacity;
    }

    /// <summary>Bytes the content may have and still need no new space.</summary>
    public int Capacity { get; }

    /// <summary>Creates the temp file (0600) and fills it with <paramref name="capacity"/> bytes, flushed to disk.</summary>
    /// <exception cref="StorageException">No room (or no permission): nothing was left behind and the target is untouched.</exception>
    public static ReservedFile Reserve(string path, int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        var full = Path.GetFullPath(path);
        var tempPath = AtomicFile.TempPathFor(full);
        var stream = AtomicFile.CreateExclusive(full, tempPath);
        try
        {
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(stream.SafeFileHandle, OwnerOnly.File);
            }

            // Real bytes, not SetLength: a length alone makes a sparse file, whose blocks are only found when written.
            stream.Write(new byte[capacity]);
            stream.Flush(flushToDisk: true);
            return new ReservedFile(full, tempPath, stream, capacity);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            stream.Dispose();
            DeleteQuietly(tempPath);
            throw new StorageException(full, $"Could not reserve {capacity} bytes beside {full}: {e.Message}", e);
        }
    }

    /// <summary>
    /// Writes <paramref name="content"/> over the reserved bytes, cuts the file to its length, flushes it and renames it
    /// over the target. Content longer than <see cref="Capacity"/> is tried too, but needs new space.
    /// </summary>
    /// <returns>Whether the folder was flushed after the rename too (best effort, as <see cref="AtomicFile.Write"/>).</returns>
    /// <exception cref="StorageException">
    /// Not written; the target is untouched and the reservation stays, so a shorter content can still be committed.
    /// </exception>
    public bool Commit(ReadOnlySpan<byte> content)
    {
        var file = stream ?? throw new StorageException(path, $"The space reserved for {path} is no longer held.");
        try
        {
            file.Position = 0;
            file.Write(content);

            // Shrinking frees blocks and never needs any.
            file.SetLength(content.Length);
            file.Flush(flushToDisk: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StorageException(path, $"Could not write {path} ({content.Length} bytes, {Capacity} reserved): {e.Message}", e);
        }

        file.Dispose();
        stream = null;
        try
        {
            // rename(2): atomic, and it replaces a symlink at the target instead of writing through it.
            File.Move(tempPath, path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            DeleteQuietly(tempPath);
            throw new StorageException(path, $"Could not rename the new {path} into place: {e.Message}", e);
        }

        return Path.GetDirectoryName(path) is { } folder && DirectorySync.TryFlush(folder);
    }

    /// <summary>Gives the space back when nothing was committed.</summary>
    public void Dispose()
    {
        if (stream is { } open)
        {
            open.Dispose();
            stream = null;
            DeleteQuietly(tempPath);
        }
    }

    private static void DeleteQuietly(string file)
    {
        try
        {
            File.Delete(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A leftover temp file is removed by the next writer under the lock.
        }
    }
}
