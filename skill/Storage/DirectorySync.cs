using System.Runtime.Versioning;
using Microsoft.Win32.SafeHandles;

namespace XaiGrok.Onboarding.Storage;

/// <summary>
/// Flushes a folder's entries to disk (fsync on the folder itself), so that a rename into it survives a power cut,
/// not only a crash of the process. .NET refuses to open a folder as a file, so the folder is opened with libc's
/// <c>open</c> (<see cref="PosixFile"/>); the flush and the close are .NET's (<see cref="RandomAccess.FlushToDisk"/>, the handle's Dispose).
/// </summary>
internal static class DirectorySync
{
    /// <summary>
    /// Best effort: true when the folder was flushed; false when it could not be (no such folder, a file system that
    /// refuses, Windows, where NTFS journals renames itself). Never throws.
    /// </summary>
    public static bool TryFlush(string folder)
    {
        if (OperatingSystem.IsWindows() || string.IsNullOrEmpty(folder) || folder.Contains('\0', StringComparison.Ordinal))
        {
            return false;
        }

        try
        {
            return Flush(folder);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    [UnsupportedOSPlatform("windows")]
    private static bool Flush(string folder)
    {
        var descriptor = PosixFile.Open(folder, PosixFile.ReadOnly);
        if (descriptor < 0)
        {
            return false;
        }

        using var handle = new SafeFileHandle(descriptor, ownsHandle: true);
        RandomAccess.FlushToDisk(handle);
        return true;
    }
}
