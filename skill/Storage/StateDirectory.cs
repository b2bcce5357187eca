namespace XaiGrok.Onboarding.Storage;

/// <summary>The state folder (<c>XAI_GROK_HOME</c>): a real folder, private to its owner (0700).</summary>
internal sealed class StateDirectory
{
    private StateDirectory(string path) => Path = path;

    /// <summary>The folder's full path.</summary>
    public string Path { get; }

    /// <summary>
    /// Creates the folder (and its parents) as 0700, or checks an existing one: a symlink or a folder that
    /// others may write to is refused, a readable-by-others one (e.g. 0755) is tightened to 0700.
    /// </summary>
    /// <exception cref="StorageException">The folder cannot be made safe.</exception>
    public static StateDirectory Open(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var full = System.IO.Path.TrimEndingDirectorySeparator(System.IO.Path.GetFullPath(path));
        try
        {
            if (!System.IO.Path.Exists(full) && new FileInfo(full).LinkTarget is null)
            {
                Create(full);
            }

            RefuseUnsafe(full);
            TightenToOwnerOnly(full);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StorageException(
                full,
                $"The state folder {full} could not be prepared: {e.Message} Check that the folder and its parent belong to you, or set XAI_GROK_HOME to another folder.",
                e);
        }

        return new StateDirectory(full);
    }

    /// <summary>The full path of the file <paramref name="name"/> in this folder.</summary>
    /// <exception cref="ArgumentException">The name is not a plain file name.</exception>
    public string File(string name)
    {
        if (string.IsNullOrEmpty(name) || name is "." or ".." || name.AsSpan().IndexOfAny('/', '\\', '\0') >= 0)
        {
            throw new ArgumentException($"'{name}' is not a plain file name.", nameof(name));
        }

        return System.IO.Path.Join(Path, name);
    }

    private static void Create(string full)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(full);
        }
        else
        {
            Directory.CreateDirectory(full, OwnerOnly.Folder);
        }
    }

    private static void RefuseUnsafe(string full)
    {
        var folder = new DirectoryInfo(full);
        if (folder.LinkTarget is { } target)
        {
            throw new StorageException(
                full,
                $"The state folder {full} is a symbolic link (to {target}); it holds credentials, so it must be a real folder. Remove the link, or set XAI_GROK_HOME to the real folder.");
        }

        if (!folder.Exists)
        {
            throw new StorageException(
                full,
                $"The state folder {full} exists but is not a folder. Move it away, or set XAI_GROK_HOME to another folder.");
        }

        if (!OperatingSystem.IsWindows() && (folder.UnixFileMode & OwnerOnly.WritableByOthers) != 0)
        {
            throw new StorageException(
                full,
                $"The state folder {full} is writable by other users (mode {OwnerOnly.Octal(folder.UnixFileMode)}), so someone else could have replaced the credentials in it. Check its contents, then run: chmod 700 '{full}'");
        }
    }

    private static void TightenToOwnerOnly(string full)
    {
        // Set explicitly: the mode given at creation is reduced by the process umask, and an older folder may be 0755.
        if (!OperatingSystem.IsWindows() && System.IO.File.GetUnixFileMode(full) != OwnerOnly.Folder)
        {
            System.IO.File.SetUnixFileMode(full, OwnerOnly.Folder);
        }
    }
}
