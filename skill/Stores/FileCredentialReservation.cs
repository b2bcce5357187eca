using XaiGrok.Onboarding.Credentials;
using XaiGrok.Onboarding.Storage;

namespace XaiGrok.Onboarding.Stores;

/// <summary>The file store's reservation: disk space taken beside <c>auth.json</c> (<see cref="ReservedFile"/>).</summary>
internal sealed class FileCredentialReservation(CredentialStore store, ReservedFile reserved) : ICredentialReservation
{
    public void Commit(Credential credential) => store.Commit(reserved, credential);

    public void Dispose() => reserved.Dispose();
}
