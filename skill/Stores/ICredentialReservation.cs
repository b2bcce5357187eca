using XaiGrok.Onboarding.Credentials;

namespace XaiGrok.Onboarding.Stores;

/// <summary>Room taken for the credential that a refresh will bring (<see cref="ICredentialStore.Reserve"/>).</summary>
internal interface ICredentialReservation : IDisposable
{
    /// <summary>Stores <paramref name="credential"/> in the reserved room. The caller still holds the lock.</summary>
    /// <exception cref="Storage.StorageException">Not written; the reservation stays for a shorter credential.</exception>
    void Commit(Credential credential);
}
