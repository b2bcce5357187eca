using XaiGrok.Onboarding.Credentials;

namespace XaiGrok.Onboarding.Stores;

/// <summary>
/// Where one person's credential lives, and the lock every writer holds: a refresh, a sign-in, a logout. Reads need no
/// lock (a store hands out the last committed credential, never half of one). Implementations: the file store
/// (<see cref="CredentialStore"/>, <c>auth.json</c> under <c>flock</c>) and the PostgreSQL package (a row per user under a
/// lock held by a database connection). Both pass one contract test suite.
/// </summary>
internal interface ICredentialStore
{
    /// <summary>
    /// Takes the person's exclusive lock, shared by every process and replica that uses this store. The holder's death
    /// (or the loss of its connection) releases it.
    /// </summary>
    /// <exception cref="Storage.StorageException">Not taken within the lock timeout, or the store is unreachable.</exception>
    Task<IDisposable> LockAsync(CancellationToken cancellationToken);

    /// <summary>Reads the credential; the caller may or may not hold the lock.</summary>
    CredentialRead Read();

    /// <summary>What <see cref="Read"/> would return, possibly from memory while the store provably has not changed.</summary>
    CredentialRead ReadRecent();

    /// <summary>Reads the credential and, when it is unusable, sets it aside (under the lock) so the next sign-in starts clean.</summary>
    Task<CredentialRead> ReadOrQuarantineAsync(CancellationToken cancellationToken);

    /// <summary>Whether an unusable credential was set aside (status then says so instead of "never connected").</summary>
    bool HasQuarantinedCopy { get; }

    /// <summary>Writes the credential, durably when this returns. The caller holds the lock.</summary>
    /// <exception cref="Storage.StorageException">Not written.</exception>
    void Write(Credential credential);

    /// <summary>
    /// Takes what storing the credential that replaces <paramref name="current"/> needs, before a request whose answer
    /// must be stored whatever happens (a refresh spends the stored refresh token). The caller holds the lock.
    /// </summary>
    /// <exception cref="Storage.StorageException">Not reserved: nothing was sent yet, so nothing is lost.</exception>
    ICredentialReservation Reserve(Credential current);

    /// <summary>Deletes the credential. The caller holds the lock.</summary>
    void Delete();
}
