using System.Globalization;

namespace XaiGrok.Onboarding.Storage;

/// <summary>
/// An exclusive lock shared by every xai-grok-onboarding process of this user, e.g. around a token refresh.
/// On Unix, .NET takes flock(LOCK_EX|LOCK_NB) for FileShare.None: the kernel releases it when the holder
/// dies (even by kill -9), and a second open in the same process is refused too. The lock file stays
/// forever, because deleting a lock file lets two processes lock two different files.
/// </summary>
internal sealed class CrossProcessLock : IDisposable
{
    private static readonly TimeSpan FirstWait = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan LongestWait = TimeSpan.FromMilliseconds(100);

    private readonly FileStream handle;

    private CrossProcessLock(string path, FileStream handle)
    {
        Path = path;
        this.handle = handle;
    }

    /// <summary>The lock file's full path.</summary>
    public string Path { get; }

    /// <summary>Takes the lock, retrying on <paramref name="clock"/> until <paramref name="timeout"/>.</summary>
    /// <exception cref="StorageException">Not taken within the timeout, or the lock file is unusable.</exception>
    public static async Task<CrossProcessLock> AcquireAsync(string lockPath, TimeSpan timeout, TimeProvider clock, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(clock);
        var started = clock.GetTimestamp();
        var wait = FirstWait;
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            if (TryAcquire(lockPath) is { } acquired)
            {
                return acquired;
            }

            var left = timeout - clock.GetElapsedTime(started);
            if (left <= TimeSpan.Zero)
            {
                var full = System.IO.Path.GetFullPath(lockPath);
                var seconds = timeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
                throw new StorageException(
                    full,
                    $"Could not take the credential lock at {full} within {seconds} s; another xai-grok-onboarding process holds it. Wait for it to finish, then try again.");
            }

            await Task.Delay(wait < left ? wait : left, clock, ct).ConfigureAwait(false);
            wait = wait * 2 < LongestWait ? wait * 2 : LongestWait;
        }
    }

    /// <summary>One attempt: the lock, or null when another holder has it.</summary>
    /// <exception cref="StorageException">The lock file is a symlink or cannot be opened.</exception>
    public static CrossProcessLock? TryAcquire(string lockPath)
    {
        var full = System.IO.Path.GetFullPath(lockPath);
        RefuseUnusable(full);
        try
        {
            return new CrossProcessLock(full, OpenOwnerOnly(full));
        }
        catch (IOException e) when (e.GetType() == typeof(IOException))
        {
            // A plain IOException is flock's EWOULDBLOCK (a sharing violation on Windows); its subclasses
            // mean a missing folder or a bad path, which waiting would not fix.
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StorageException(full, $"Could not open the credential lock file {full}: {e.Message} Check that it is a file that belongs to you.", e);
        }
    }

    /// <summary>Releases the lock (the file stays).</summary>
    public void Dispose() => handle.Dispose();

    private static FileStream OpenOwnerOnly(string full)
    {
        var stream = new FileStream(full, Options());
        try
        {
            // The create mode is reduced by the umask: with umask 0277 the file would be 0400, which the next
            // process could not open for writing, so the lock would be lost for good.
            if (!OperatingSystem.IsWindows() && File.GetUnixFileMode(stream.SafeFileHandle) != OwnerOnly.File)
            {
                File.SetUnixFileMode(stream.SafeFileHandle, OwnerOnly.File);
            }

            return stream;
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    private static FileStreamOptions Options()
    {
        var options = new FileStreamOptions { Mode = FileMode.OpenOrCreate, Access = FileAccess.ReadWrite, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = OwnerOnly.File;
        }

        return options;
    }

    private static void RefuseUnusable(string full)
    {
        if (new FileInfo(full).LinkTarget is { } target)
        {
            throw new StorageException(full, $"The credential lock file {full} is a symbolic link (to {target}); it must be a regular file. Remove the link, then try again.");
        }

        if (FileLockingSwitch.IsDisabled)
        {
            throw new StorageException(
                full,
                $"File locking is turned off in this process ({FileLockingSwitch.EnvironmentVariable} or {FileLockingSwitch.AppContextSwitch}), so the credential lock at {full} would not keep two processes from refreshing the same tokens. Unset it, then try again.");
        }
    }
}
