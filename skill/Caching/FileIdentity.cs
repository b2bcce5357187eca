using System.Runtime.InteropServices;
using XaiGrok.Onboarding.Storage;

namespace XaiGrok.Onboarding.Caching;

/// <summary>
/// What a path names right now, exactly enough to tell that nothing about it changed: device, inode, type and mode,
/// size, and the modification and change times to the nanosecond, as <c>statx</c> reports them without following
/// a symlink. Every way of changing a file moves one of these: a rename over it brings another inode; a write,
/// <c>chmod</c>, <c>chown</c> or <c>utimes</c> sets the change time (ctime), which no program can set back.
/// The one blind spot is the clock's granularity: a second change within the same tick as the first keeps the
/// ctime. <see cref="SettledBefore"/> is how a caller rules that out (see <see cref="UnchangedFileCache{T}"/>).
/// </summary>
internal readonly record struct FileIdentity(
    uint DeviceMajor,
    uint DeviceMinor,
    ulong Inode,
    ushort Mode,
    ulong Size,
    long ModifiedSeconds,
    uint ModifiedNanoseconds,
    long ChangedSeconds,
    uint ChangedNanoseconds)
{
    // STATX_TYPE | STATX_MODE | STATX_MTIME | STATX_CTIME | STATX_INO | STATX_SIZE: a file system that cannot report
    // all of them gives no identity, and callers then read the file every time, as they would without one.
    private const uint NeededFields = 0x1 | 0x2 | 0x40 | 0x80 | 0x100 | 0x200;

    private const int NoSuchEntry = 2;

    private static bool unavailable = !OperatingSystem.IsLinux();

    /// <summary>True where identities can be taken (Linux with a libc that has <c>statx</c>).</summary>
    public static bool IsSupported
    {
        get
        {
            _ = Of("/");
            return !unavailable;
        }
    }

    /// <summary>When the inode last changed (data, mode, owner or name), in the kernel's wall-clock time.</summary>
    public DateTimeOffset Changed => DateTimeOffset.FromUnixTimeSeconds(ChangedSeconds).AddTicks(ChangedNanoseconds / 100);

    /// <summary>
    /// The identity of whatever <paramref name="path"/> names (a symlink itself, not its target), or null when
    /// nothing is there, it cannot be examined, or this platform has no <c>statx</c>.
    /// </summary>
    public static FileIdentity? Of(string path) => Of(path, out _);

    /// <summary>As <see cref="Of(string)"/>; <paramref name="absent"/> tells that nothing is at the path (ENOENT).</summary>
    public static FileIdentity? Of(string path, out bool absent)
    {
        absent = false;
        if (Volatile.Read(ref unavailable))
        {
            return null;
        }

        Span<byte> buffer = stackalloc byte[256];
        try
        {
            if (PosixFile.StatxNoFollow(path, buffer) != 0)
            {
                absent = Marshal.GetLastPInvokeError() == NoSuchEntry;
                return null;
            }
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            Volatile.Write(ref unavailable, true);
            return null;
        }

        // struct statx (linux/stat.h): offsets fixed by the kernel ABI, in the machine's byte order.
        if ((Read<uint>(buffer, 0) & NeededFields) != NeededFields)
        {
            return null;
        }

        return new FileIdentity(
            DeviceMajor: Read<uint>(buffer, 136),
            DeviceMinor: Read<uint>(buffer, 140),
            Inode: Read<ulong>(buffer, 32),
            Mode: Read<ushort>(buffer, 28),
            Size: Read<ulong>(buffer, 40),
            ModifiedSeconds: Read<long>(buffer, 112),
            ModifiedNanoseconds: Read<uint>(buffer, 120),
            ChangedSeconds: Read<long>(buffer, 96),
            ChangedNanoseconds: Read<uint>(buffer, 104));
    }

    /// <summary>
    /// True when the last change happened before <paramref name="moment"/>. With a moment a few seconds ago, any
    /// later change must carry a later ctime, so an equal identity seen afterwards really is the same content.
    /// A ctime in the future (a clock that moved back, another machine's clock on a network file system) is not
    /// settled.
    /// </summary>
    public bool SettledBefore(DateTimeOffset moment) => Changed < moment;

    private static T Read<T>(ReadOnlySpan<byte> buffer, int offset)
        where T : struct => MemoryMarshal.Read<T>(buffer[offset..]);
}
