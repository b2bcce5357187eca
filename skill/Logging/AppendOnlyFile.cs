using System.Runtime.InteropServices;
using XaiGrok.Onboarding.Storage;

namespace XaiGrok.Onboarding.Logging;

/// <summary>
/// A file opened with <c>O_APPEND</c>: the kernel moves each write to the end of the file, so lines from several
/// processes never overwrite one another. .NET's <see cref="FileMode.Append"/> only seeks to the end once, at open,
/// and two processes appending that way write over each other's lines.
/// </summary>
internal sealed class AppendOnlyFile : IDisposable
{
    private readonly int descriptor;
    private readonly FileStream? fallback;

    private AppendOnlyFile(int descriptor, FileStream? fallback)
    {
        this.descriptor = descriptor;
        this.fallback = fallback;
    }

    /// <summary>
    /// Opens (or creates, 0600) a regular file for appending, without ever waiting: a FIFO, a socket or a device is
    /// refused, since writing to one can block for good (a FIFO nobody reads blocks at the open already).
    /// </summary>
    /// <exception cref="IOException">The file cannot be opened or created, or it is not a regular file.</exception>
    /// <exception cref="UnauthorizedAccessException">The file or its folder is not ours to write.</exception>
    public static AppendOnlyFile Open(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return new AppendOnlyFile(-1, new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete));
        }

        CreateOwnerOnly(path);
        var descriptor = PosixFile.Open(path, PosixFile.WriteOnly | PosixFile.Append | PosixFile.NonBlocking);
        if (descriptor < 0)
        {
            var error = Marshal.GetLastPInvokeError();
            throw new IOException(error == PosixFile.NoReader
                ? $"{path} is not a regular file (a FIFO nobody reads)."
                : $"cannot open {path} for appending (errno {error}).");
        }

        if (!PosixFile.IsRegularFile(descriptor))
        {
            PosixFile.Close(descriptor);
            throw new IOException($"{path} is not a regular file.");
        }

        return new AppendOnlyFile(descriptor, null);
    }

    /// <summary>Writes the bytes with one system call where the kernel allows it (a line stays whole).</summary>
    public void Write(byte[] bytes)
    {
        if (fallback is not null)
        {
            fallback.Write(bytes);
            fallback.Flush();
            return;
        }

        for (var offset = 0; offset < bytes.Length;)
        {
            var written = PosixFile.Write(descriptor, bytes, offset);
            if (written < 0)
            {
                throw new IOException($"cannot append to the log file (errno {Marshal.GetLastPInvokeError()}).");
            }

            offset += (int)written;
        }
    }

    public void Dispose()
    {
        fallback?.Dispose();
        if (descriptor >= 0)
        {
            PosixFile.Close(descriptor);
        }
    }

    // Created by .NET with mode 0600 when missing (another process may create it first: that is fine).
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private static void CreateOwnerOnly(string path)
    {
        try
        {
            using var created = new FileStream(path, new FileStreamOptions
            {
                Mode = FileMode.CreateNew,
                Access = FileAccess.Write,
                Share = FileShare.ReadWrite,
                UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
            });
        }
        catch (IOException) when (File.Exists(path))
        {
        }
    }
}
