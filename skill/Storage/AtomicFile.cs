using System.Security.Cryptography;

namespace XaiGrok.Onboarding.Storage;

/// <summary>
/// Replaces a file so that readers, and a writer killed half-way, only ever see the old or the new
/// content: write a temp file beside it, flush it to disk, rename it over the target, flush the folder (so the
/// rename itself survives a power cut).
/// </summary>
internal static class AtomicFile
{
    private const string TempSuffix = ".tmp";
    private const int RandomBytes = 8;

    /// <summary>Writes <paramref name="content"/> to <paramref name="path"/> as a 0600 file, atomically.</summary>
    /// <returns>
    /// Whether the folder was flushed after the rename too. Best effort: false (e.g. a file system that refuses) still
    /// means the new content is in place.
    /// </returns>
    /// <exception cref="StorageException">The file could not be written; the old content is untouched.</exception>
    public static bool Write(string path, ReadOnlySpan<byte> content)
    {
        var full = Path.GetFullPath(path);
        return WriteVia(full, TempPathFor(full), content);
    }

    /// <summary>
    /// Removes temp files of <paramref name="fileName"/> that a dead writer left behind. Call it under the
    /// lock that serializes writers; <paramref name="olderThan"/> spares a writer that is still working.
    /// </summary>
    /// <returns>How many were removed.</returns>
    public static int CleanStaleTemps(string folder, string fileName, TimeSpan olderThan, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        var cutoff = (clock.GetUtcNow() - olderThan).UtcDateTime;
        return CleanTemps(folder, fileName, candidate => candidate.LastWriteTimeUtc <= cutoff);
    }

    /// <summary>
    /// Removes every temp file of <paramref name="fileName"/>, whatever its age. Only for a caller holding the lock
    /// that every writer of that file holds: then no temp file can belong to a live writer.
    /// </summary>
    public static int CleanTempsUnderLock(string folder, string fileName) => CleanTemps(folder, fileName, _ => true);

    private static int CleanTemps(string folder, string fileName, Func<FileInfo, bool> isStale)
    {
        var prefix = TempPrefix(fileName);
        var options = new EnumerationOptions { AttributesToSkip = 0, IgnoreInaccessible = true };
        var removed = 0;
        try
        {
            foreach (var candidate in new DirectoryInfo(folder).EnumerateFiles(prefix + "*" + TempSuffix, options))
            {
                if (IsTempName(candidate.Name, prefix) && isStale(candidate) && DeleteQuietly(candidate.FullName))
                {
                    removed++;
                }
            }
        }
        catch (DirectoryNotFoundException)
        {
            // No folder, no leftovers.
        }

        return removed;
    }

    /// <summary>
    /// As <see cref="Write"/>, for content too large to hold in memory: <paramref name="fill"/> streams it into the temp
    /// file. When it returns false (it refused what it was given) the temp file is removed and the target left as it was.
    /// </summary>
    /// <returns>Whether the content was kept.</returns>
    /// <exception cref="StorageException">The file could not be written; the old content is untouched.</exception>
    public static async Task<bool> WriteStreamAsync(string path, Func<Stream, Task<bool>> fill)
    {
        ArgumentNullException.ThrowIfNull(fill);
        var full = Path.GetFullPath(path);
        var tempPath = TempPathFor(full);
        var stream = CreateExclusive(full, tempPath);
        var renamed = false;
        try
        {
            await using (stream.ConfigureAwait(false))
            {
                if (!OperatingSystem.IsWindows())
                {
                    File.SetUnixFileMode(stream.SafeFileHandle, OwnerOnly.File);
                }

                if (!await fill(stream).ConfigureAwait(false))
                {
                    return false;
                }

                stream.Flush(flushToDisk: true);
            }

            File.Move(tempPath, full, overwrite: true);
            renamed = true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StorageException(
                full,
                $"Could not write {full}: {e.Message} The previous content is unchanged. Check the free disk space and the folder's permissions, then try again.",
                e);
        }
        finally
        {
            if (!renamed)
            {
                DeleteQuietly(tempPath);
            }
        }

        if (Path.GetDirectoryName(full) is { } folder)
        {
            DirectorySync.TryFlush(folder);
        }

        return true;
    }

    /// <summary>The write itself, with the temp path chosen by the caller (tests plant things there).</summary>
    internal static bool WriteVia(string path, string tempPath, ReadOnlySpan<byte> content)
    {
        var stream = CreateExclusive(path, tempPath);
        var renamed = false;
        try
        {
            using (stream)
            {
                if (!OperatingSystem.IsWindows())
                {
                    // The create mode is reduced by the umask, never widened; set it anyway so the intent is exact.
                    File.SetUnixFileMode(stream.SafeFileHandle, OwnerOnly.File);
                }

                stream.Write(content);
                stream.Flush(flushToDisk: true);
            }

            // rename(2): atomic, and it replaces a symlink at the target instead of writing through it.
            File.Move(tempPath, path, overwrite: true);
            renamed = true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StorageException(
                path,
                $"Could not write {path}: {e.Message} The previous content is unchanged. Check the free disk space and the folder's permissions, then try again.",
                e);
        }
        finally
        {
            if (!renamed)
            {
                DeleteQuietly(tempPath);
            }
        }

        // After the rename, not before: it is the folder's entry for the name that has to reach the disk.
        return Path.GetDirectoryName(path) is { } folder && DirectorySync.TryFlush(folder);
    }

    internal static string TempPathFor(string path)
    {
        var random = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(RandomBytes));
        return Path.Join(Path.GetDirectoryName(path), TempPrefix(Path.GetFileName(path)) + random + TempSuffix);
    }

    internal static FileStream CreateExclusive(string path, string tempPath)
    {
        // CreateNew is O_CREAT|O_EXCL: it fails on anything already at that name, a planted symlink included.
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = OwnerOnly.File;
        }

        try
        {
            return new FileStream(tempPath, options);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StorageException(
                path,
                $"Could not create a temporary file beside {path}: {e.Message} The previous content is unchanged. Check the folder's permissions, then try again.",
                e);
        }
    }

    private static string TempPrefix(string fileName) => "." + fileName + ".";

    private static bool IsTempName(string name, string prefix) =>
        name.Length == prefix.Length + (RandomBytes * 2) + TempSuffix.Length
        && name.AsSpan(prefix.Length, RandomBytes * 2).ContainsAnyExcept("0123456789abcdef") is false;

    private static bool DeleteQuietly(string path)
    {
        try
        {
            File.Delete(path);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
