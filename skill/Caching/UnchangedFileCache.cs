namespace XaiGrok.Onboarding.Caching;

/// <summary>
/// What one read of a file gave, served again for as long as the file is provably the one that was read: a host
/// that chats many times pays one <c>statx</c> a call (about a microsecond) instead of opening, checking, reading
/// and parsing the file, and still sees at once a token that another process refreshed or a logout.
/// </summary>
/// <remarks>
/// <para>The rule is git's answer to "racily clean" index entries. A value is kept with the file's
/// <see cref="FileIdentity"/> as seen just before the read, and only when the file last changed more than
/// <see cref="SettleTime"/> ago: a second change in the same timestamp tick, which would keep the ctime, is then
/// ruled out, because any later change carries a later ctime. A change during the read gives the file another
/// identity than the kept one, so what was read then is never served again. A file written in the last few seconds
/// is read every time, exactly as without the cache.</para>
/// <para>What <paramref name="read"/> checks (symlinks, loose modes, size) still applies: a value is only served
/// for the very inode, mode and size that passed those checks. Nothing is kept for a missing file (it gives
/// <paramref name="absent"/>, or is read) nor on a platform without <c>statx</c>, where the file is read every time. On a network file system the kernel may answer <c>statx</c> from its
/// attribute cache for some seconds; a stale token then meets a 401, which re-reads the file under the lock.</para>
/// </remarks>
/// <param name="path">The file.</param>
/// <param name="read">Reads and parses the file; called when there is nothing to serve. May throw.</param>
/// <param name="absent">What <paramref name="read"/> gives for a missing file, when that needs no reading: served at
/// once when <c>statx</c> finds nothing at the path (a <c>config.json</c> most people never create).</param>
/// <param name="fileSystemClock">The wall clock the kernel stamps files with: <see cref="TimeProvider.System"/>, not
/// an injected test clock, which may be years away from the files' real times. A test passes one to make files
/// look settled.</param>
internal sealed class UnchangedFileCache<T>(string path, Func<string, T> read, TimeProvider fileSystemClock, Func<T>? absent = null)
{
    /// <summary>How long ago a file must have last changed for its read to be kept. Longer than the coarsest
    /// timestamp granularity of the file systems a home folder lives on (1–2 s: ext3, HFS+, FAT).</summary>
    public static readonly TimeSpan SettleTime = TimeSpan.FromSeconds(3);

    private Entry? kept;

    public string Path => path;

    public T Get()
    {
        var before = FileIdentity.Of(path, out var missing);
        if (before is not { } identity)
        {
            Volatile.Write(ref kept, null);
            return missing && absent is not null ? absent() : read(path);
        }

        if (Volatile.Read(ref kept) is { } entry && entry.Identity == identity)
        {
            return entry.Value;
        }

        var value = read(path);
        var settled = identity.SettledBefore(fileSystemClock.GetUtcNow() - SettleTime);
        Volatile.Write(ref kept, settled ? new Entry(identity, value) : null);
        return value;
    }

    /// <summary>Drops the kept value (after this process wrote or deleted the file), so it is not held in memory.</summary>
    public void Forget() => Volatile.Write(ref kept, null);

    private sealed record Entry(FileIdentity Identity, T Value);
}
