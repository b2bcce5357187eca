using System.Text.Json;
using XaiGrok.Onboarding.Caching;
using XaiGrok.Onboarding.Secrets;
using XaiGrok.Onboarding.Storage;
using XaiGrok.Onboarding.Stores;

namespace XaiGrok.Onboarding.Credentials;

/// <summary>
/// <c>auth.json</c>: read without a lock (writes are atomic renames, so a reader sees the old or the new file),
/// written only by a holder of the credential lock. A file that does not parse is moved aside as
/// <c>auth.json.corrupt</c> under the lock, after checking that nobody replaced it meanwhile. (<c>fileSystemClock</c> is
/// the kernel's wall clock for <see cref="UnchangedFileCache{T}"/>; tests pass one that makes files look settled.)
/// The tokens of every credential read are added to <c>secrets</c>: from then on any echo of them is redacted.
/// </summary>
internal sealed class CredentialStore(StatePaths paths, TimeProvider clock, TimeSpan lockTimeout, TimeProvider? fileSystemClock = null, SecretRegistry? secrets = null) : ICredentialStore
{
    private const int MaxFileBytes = 256 * 1024;

    // Beyond twice the current size: new tokens may be longer (more claims), and a marked copy must always fit.
    private const int ReservationHeadroom = 4096;

    private readonly UnchangedFileCache<CredentialRead> recent = new(paths.CredentialFile, ReadFile, fileSystemClock ?? TimeProvider.System, absent: () => CredentialRead.Missing);

    public StatePaths Paths => paths;

    public Task<CrossProcessLock> LockAsync(CancellationToken cancellationToken) =>
        CrossProcessLock.AcquireAsync(paths.CredentialLock, lockTimeout, clock, cancellationToken);

    async Task<IDisposable> ICredentialStore.LockAsync(CancellationToken cancellationToken) => await LockAsync(cancellationToken).ConfigureAwait(false);

    ICredentialReservation ICredentialStore.Reserve(Credential current) => new FileCredentialReservation(this, Reserve(current));

    /// <summary>Whether an unreadable <c>auth.json</c> was kept aside as <c>auth.json.corrupt</c>.</summary>
    public bool HasQuarantinedCopy => File.Exists(paths.CredentialFile + StatePaths.CorruptSuffix);

    /// <summary>Reads the credential; the caller may or may not hold the lock.</summary>
    public CredentialRead Read() => Remember(ReadFile(paths.CredentialFile));

    /// <summary>
    /// What <see cref="Read"/> would return, served from memory while <c>auth.json</c> is provably the file read last
    /// time (<see cref="UnchangedFileCache{T}"/>). For the bearer of each call; decisions taken under the lock (a
    /// refresh, a logout) read the file itself.
    /// </summary>
    public CredentialRead ReadRecent() => Remember(recent.Get());

    private CredentialRead Remember(CredentialRead read)
    {
        if (secrets is not null && read.Credential is { } credential)
        {
            secrets.Add(credential.AccessToken);
            secrets.Add(credential.RefreshToken);
            secrets.Add(credential.IdToken);
        }

        return read;
    }

    private static CredentialRead ReadFile(string path)
    {
        var read = SafeFile.Read(path, MaxFileBytes);
        if (read.Status == ReadStatus.NotFound)
        {
            return CredentialRead.Missing;
        }

        if (read.Status != ReadStatus.Ok)
        {
            return CredentialRead.Unusable($"auth.json cannot be read: {read.Reason}.");
        }

        return Parse(read.Content) is { } credential ? CredentialRead.Found(credential) : CredentialRead.Unusable("auth.json is corrupt.");
    }

    /// <summary>Reads the credential and, when the file is corrupt, keeps it aside (under the lock) so the next sign-in starts clean.</summary>
    public async Task<CredentialRead> ReadOrQuarantineAsync(CancellationToken cancellationToken)
    {
        var first = ReadRecent();
        if (first.Problem is null || !File.Exists(paths.CredentialFile))
        {
            return first;
        }

        using var held = await LockAsync(cancellationToken).ConfigureAwait(false);
        var again = Read();
        if (again.Problem is not null && SafeFile.MoveAside(paths.CredentialFile, StatePaths.CorruptSuffix))
        {
            return CredentialRead.Unusable(again.Problem.TrimEnd('.') + "; it was kept as auth.json.corrupt.");
        }

        return again;
    }

    /// <summary>Writes the credential atomically. The caller holds the lock.</summary>
    public void Write(Credential credential)
    {
        // Every writer of auth.json holds this lock, so a temp file found now was left by a writer that died.
        AtomicFile.CleanTempsUnderLock(paths.Home, StatePaths.CredentialFileName);
        AtomicFile.Write(paths.CredentialFile, Serialize(credential));
        recent.Forget();
    }

    /// <summary>
    /// Takes the disk space for the credential that will replace <paramref name="current"/>, before a request whose
    /// answer must be stored whatever happens (a refresh spends the stored refresh token). The caller holds the lock
    /// until it commits or disposes the reservation.
    /// </summary>
    /// <exception cref="StorageException">No room: nothing was sent yet, so nothing is lost.</exception>
    public ReservedFile Reserve(Credential current)
    {
        AtomicFile.CleanTempsUnderLock(paths.Home, StatePaths.CredentialFileName);
        return ReservedFile.Reserve(paths.CredentialFile, ReservationFor(Serialize(current).Length));
    }

    /// <summary>Commits <paramref name="credential"/> into space taken by <see cref="Reserve"/>. The caller holds the lock.</summary>
    /// <exception cref="StorageException">Not written; the reservation stays for a shorter credential.</exception>
    public void Commit(ReservedFile reserved, Credential credential)
    {
        reserved.Commit(Serialize(credential));
        recent.Forget();
    }

    /// <summary>
    /// Room for new tokens longer than the current ones, and always for the current credential marked as needing a new
    /// sign-in; never more than a readable <c>auth.json</c> may have.
    /// </summary>
    private static int ReservationFor(int currentBytes) => Math.Min(MaxFileBytes, (2 * currentBytes) + ReservationHeadroom);

    private static byte[] Serialize(Credential credential) =>
        JsonSerializer.SerializeToUtf8Bytes(CredentialFile.From(credential), StateJsonContext.Default.CredentialFile);

    /// <summary>Deletes the credential. The caller holds the lock.</summary>
    public void Delete()
    {
        SafeFile.Delete(paths.CredentialFile);
        recent.Forget();
    }

    private static Credential? Parse(byte[] content)
    {
        // A file saved by hand with an editor that writes a UTF-8 BOM is still a good file.
        ReadOnlyMemory<byte> json = content.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? content.AsMemory(3) : content;
        return CredentialFileReader.Parse(json) is { Version: CredentialFile.CurrentVersion } file ? file.ToCredential() : null;
    }
}
