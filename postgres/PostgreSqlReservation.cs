using XaiGrok.Onboarding.Credentials;
using XaiGrok.Onboarding.Stores;

namespace XaiGrok.Onboarding.PostgreSql;

/// <summary>
/// The row's reservation: nothing to take ahead (the database has the room or fails the write the same way); it keeps
/// the row as the refresh read it, so that an answer whose lock was lost on the way replaces only that row.
/// </summary>
internal sealed class PostgreSqlReservation(PostgreSqlCredentialStore store, byte[]? seen) : ICredentialReservation
{
    public void Commit(Credential credential) => store.Write(credential);

    public Task CommitAnswerAsync(Credential credential) => store.SaveAnswerAsync(credential, seen);

    public void Dispose()
    {
    }
}
