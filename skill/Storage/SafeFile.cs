namespace XaiGrok.Onboarding.Storage;

/// <summary>Reads, deletes and sets aside state files without following symlinks or trusting loose modes.</summary>
internal static class SafeFile
{
    /// <summary>
    /// Reads a regular file of at most <paramref name="maxBytes"/>. A symlink, a folder, an oversize or an
    /// unreadable file is refused with a reason; a file readable by others is first tightened to 0600.
    /// </summary>
    public static ReadResult Read(string path, int maxBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxBytes);
        try
        {
            var file = new FileInfo(path);
            if (file.LinkTarget is not null)
            {
                return ReadResult.Refused(path, "is a symbolic link; a credential file must be a regular file, so the link is not followed. Remove it and connect again.");
            }

            if (Directory.Exists(path))
            {
                return ReadResult.Refused(path, "is a folder, not a file. Move it away and connect again.");
            }

            if (!file.Exists)
            {
                return ReadResult.NotFound;
            }

            if (file.Length > maxBytes)
            {
                return ReadResult.Refused(path, $"is {file.Length} bytes, more than the {maxBytes} a state file may have. Move it away and connect again.");
            }

            // Length 0 is an empty file, or a FIFO or device that opening would block on: neither has content.
            return file.Length == 0 ? ReadResult.Ok([]) : ReadOpened(path, maxBytes);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return ReadResult.NotFound;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return ReadResult.Refused(path, $"cannot be read: {e.Message} Check that it belongs to you.");
        }
    }

    /// <summary>Deletes the file; nothing there is fine. A symlink is removed, never its target.</summary>
    /// <exception cref="StorageException">It is a folder, or could not be deleted.</exception>
    public static void Delete(string path)
    {
        try
        {
            RefuseFolder(path);
            File.Delete(path);
        }
        catch (DirectoryNotFoundException)
        {
            // The folder is gone, so the file is too.
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StorageException(path, $"Could not delete {path}: {e.Message} Delete it by hand, then try again.", e);
        }
    }

    /// <summary>
    /// Renames the file to path + <paramref name="suffix"/> (replacing an older one there), e.g. to keep a
    /// corrupt <c>auth.json</c> as <c>auth.json.corrupt</c> for a person to look at.
    /// </summary>
    /// <returns>False when there was nothing to move.</returns>
    /// <exception cref="StorageException">It is a folder, or could not be renamed.</exception>
    public static bool MoveAside(string path, string suffix)
    {
        if (string.IsNullOrEmpty(suffix) || suffix.AsSpan().IndexOfAny('/', '\\', '\0') >= 0)
        {
            throw new ArgumentException($"'{suffix}' is not a plain file name suffix.", nameof(suffix));
        }

        try
        {
            RefuseFolder(path);
            var file = new FileInfo(path);
            if (!file.Exists && file.LinkTarget is null)
            {
                return false;
            }

            File.Move(path, path + suffix, overwrite: true);
            return true;
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return false;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StorageException(path, $"Could not rename {path} to {path + suffix}: {e.Message} Move it away by hand, then try again.", e);
        }
    }

    private static ReadResult ReadOpened(string path, int maxBytes)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        if (!OperatingSystem.IsWindows())
        {
            TightenToOwnerOnly(stream.SafeFileHandle);
        }

        // One byte more than expected: filling it means the file grew while it was read (our writers never
        // grow a file in place, they rename a new one over it), so the bytes would not be one whole version.
        var buffer = new byte[(int)Math.Min(stream.Length, maxBytes) + 1];
        var read = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        return read == buffer.Length
            ? ReadResult.Refused(path, $"grew while it was read (a state file may have at most {maxBytes} bytes). Try again; if it keeps happening, move it away.")
            : ReadResult.Ok(buffer[..read]);
    }

    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private static void TightenToOwnerOnly(Microsoft.Win32.SafeHandles.SafeFileHandle handle)
    {
        // On the open handle (fchmod), so a file swapped in after the checks cannot be the one changed.
        if ((File.GetUnixFileMode(handle) & ~OwnerOnly.File) != 0)
        {
            File.SetUnixFileMode(handle, OwnerOnly.File);
        }
    }

    private static void RefuseFolder(string path)
    {
        if (Directory.Exists(path) && new FileInfo(path).LinkTarget is null)
        {
            throw new StorageException(path, $"{path} is a folder, not a file. Move it away by hand, then try again.");
        }
    }
}
