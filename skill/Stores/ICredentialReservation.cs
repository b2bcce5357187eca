using XaiGrok.Onboarding.Credentials;

namespace XaiGrok.Onboarding.Stores;

/// <summary>Room taken for the credential that a refresh will bring (<see cref="ICredentialStore.Reserve"/>).</summary>
internal interface ICredentialReservation : IDisposable
{
    /// <summary>Stores <paramref name="credential"/> in the reserved room. The caller still holds the lock.</summary>
    /// <exception cref="Storage.StorageException">Not written; the reservation stays for a shorter credential.</exception>
    void Commit(Credential credential);

    /// <summary>
    /// Stores the answer to the request the reservation was taken for: the new credential exists nowhere else, and the
    /// stored one's refresh token is spent. A store that lost its connection (and so its lock) may keep trying for a
    /// while, on the injected clock, as long as nobody changed the stored credential meanwhile.
    /// </summary>
    /// <exception cref="Storage.StorageException">Not written.</exception>
    Task CommitAnswerAsync(Credential credential);
}
