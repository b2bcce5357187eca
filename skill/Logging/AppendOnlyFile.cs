using System.Runtime.InteropServices;

namespace XaiGrok.Onboarding.Logging;

/// <summary>
/// A file opened with <c>O_APPEND</c>: the kernel moves each write to the end of the file, so lines from several
/// processes never overwrite one another. .NET's <see cref="FileMode.Append"/> only seeks to the end once, at open,
/// and two processes appending that way write over each other's lines.
/// </summary>
internal sealed partial class AppendOnlyFile : IDisposable
{
    private const int WriteOnly = 0x1;
    private static readonly int Append = OperatingSystem.IsMacOS() ? 0x8 : 0x400;
    private static readonly int Create = OperatingSystem.IsMacOS() ? 0x200 : 0x40;
    private static readonly int CloseOnExec = OperatingSystem.IsMacOS() ? 0x1000000 : 0x80000;
    private const int OwnerReadWrite = 0x180; // 0600

    private readonly int descriptor;
    private readonly FileStream? fallback;

    private AppendOnlyFile(int descriptor, FileStream? fallback)
    {
        this.descriptor = descriptor;
        this.fallback = fallback;
    }

    /// <exception cref="IOException">The file cannot be opened or created.</exception>
    public static AppendOnlyFile Open(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return new AppendOnlyFile(-1, new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete));
        }

        var descriptor = NativeOpen(path, WriteOnly | Append | Create | CloseOnExec, OwnerReadWrite);
        return descriptor >= 0
            ? new AppendOnlyFile(descriptor, null)
            : throw new IOException($"cannot open {path} for appending (errno {Marshal.GetLastPInvokeError()}).");
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

        var offset = 0;
        while (offset < bytes.Length)
        {
            var written = NativeWrite(descriptor, bytes[offset..], bytes.Length - offset);
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
            _ = NativeClose(descriptor);
        }
    }

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int NativeOpen(string path, int flags, int mode);

    [LibraryImport("libc", EntryPoint = "write", SetLastError = true)]
    private static partial nint NativeWrite(int descriptor, byte[] buffer, nint count);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int NativeClose(int descriptor);
}
