using System.Runtime.InteropServices;

namespace XaiGrok.Onboarding.Storage;

/// <summary>
/// The few libc file calls .NET does not offer: opening a folder (to fsync it), appending with <c>O_APPEND</c>
/// (.NET's <see cref="FileMode.Append"/> only seeks to the end once), opening without waiting for a FIFO's reader,
/// and <c>statx</c> (.NET shows neither the inode nor the change time, see <see cref="Caching.FileIdentity"/>, nor the type
/// of an open descriptor). Never called with <c>O_CREAT</c>: <c>open</c>
/// is variadic, and passing its mode as a fixed argument is wrong on Apple silicon; files are created by .NET first.
/// </summary>
internal static partial class PosixFile
{
    public const int ReadOnly = 0x0;
    public const int WriteOnly = 0x1;
    public static readonly int Append = OperatingSystem.IsMacOS() ? 0x8 : 0x400;

    // Opening a FIFO for writing waits for a reader unless this is set (then it fails at once with ENXIO).
    public static readonly int NonBlocking = OperatingSystem.IsMacOS() ? 0x4 : 0x800;

    /// <summary>errno: a FIFO opened for writing with <see cref="NonBlocking"/> has no reader.</summary>
    public const int NoReader = 6;

    // A provider command started meanwhile by another thread must not inherit the descriptor.
    public static readonly int CloseOnExec = OperatingSystem.IsMacOS() ? 0x1000000 : 0x80000;

    /// <summary>A descriptor for <paramref name="path"/>, or -1 (see <see cref="Marshal.GetLastPInvokeError"/>).</summary>
    public static int Open(string path, int flags) => NativeOpen(path, flags | CloseOnExec);

    /// <summary>Bytes written, or -1.</summary>
    public static nint Write(int descriptor, byte[] buffer, int offset) =>
        NativeWrite(descriptor, ref buffer[offset], buffer.Length - offset);

    public static void Close(int descriptor) => _ = NativeClose(descriptor);

    /// <summary>
    /// <c>statx(AT_FDCWD, path, AT_SYMLINK_NOFOLLOW, STATX_BASIC_STATS)</c> into <paramref name="buffer"/> (256 bytes,
    /// the same layout on every Linux architecture, unlike <c>struct stat</c>): 0, or -1.
    /// </summary>
    /// <exception cref="EntryPointNotFoundException">This libc has no statx (glibc before 2.28, musl before 1.2.5, not Linux).</exception>
    /// <exception cref="DllNotFoundException">No libc could be loaded by that name.</exception>
    public static int StatxNoFollow(string path, Span<byte> buffer) =>
        NativeStatx(-100, path, 0x100, 0x7ff, ref MemoryMarshal.GetReference(buffer));

    /// <summary>
    /// Whether the open <paramref name="descriptor"/> is a regular file: its type from <c>statx(fd, "", AT_EMPTY_PATH)</c>
    /// where Linux has it, else whether it can seek (pipes, sockets and terminals cannot).
    /// </summary>
    public static bool IsRegularFile(int descriptor)
    {
        if (OperatingSystem.IsLinux())
        {
            Span<byte> buffer = stackalloc byte[256];
            try
            {
                // STATX_TYPE; the type is in the top bits of stx_mode (offset 28), S_IFREG 0x8000.
                if (NativeStatx(descriptor, "", 0x1000, 0x1, ref MemoryMarshal.GetReference(buffer)) == 0 && (MemoryMarshal.Read<uint>(buffer) & 0x1) != 0)
                {
                    return (MemoryMarshal.Read<ushort>(buffer[28..]) & 0xF000) == 0x8000;
                }
            }
            catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
            {
                // An old libc without statx: fall back to the seek test below.
            }
        }

        return NativeSeek(descriptor, 0, 1) >= 0;
    }

    [LibraryImport("libc", EntryPoint = "lseek", SetLastError = true)]
    private static partial long NativeSeek(int descriptor, long offset, int whence);

    [LibraryImport("libc", EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int NativeStatx(int directory, string path, int flags, uint mask, ref byte buffer);

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int NativeOpen(string path, int flags);

    [LibraryImport("libc", EntryPoint = "write", SetLastError = true)]
    private static partial nint NativeWrite(int descriptor, ref byte buffer, nint count);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int NativeClose(int descriptor);
}
