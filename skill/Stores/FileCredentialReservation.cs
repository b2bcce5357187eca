using XaiGrok.Onboarding.Credentials;
using XaiGrok.Onboarding.Storage;

namespace XaiGrok.Onboarding.Stores;

/// <summary>The file store's reservation: disk space taken beside <c>auth.json</c> (<see cref="ReservedFile"/>).</summary>
internal sealed class FileCredentialReservation(CredentialStore store, ReservedFile reserved) : ICredentialReservation
{
    public void Commit(Credential credential) => store.Commit(reserved, credential);

    /// <summary>At once: the room is taken and the folder is local, so there is no connection to wait for.</summary>
    public Task CommitAnswerAsync(Credential credential)
    {
        Commit(credential);
        return Task.CompletedTask;
    }

    public void Dispose() => reserved.Dispose();
}
