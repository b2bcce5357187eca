using XaiGrok.Onboarding.Credentials;
using XaiGrok.Onboarding.Stores;

namespace XaiGrok.Onboarding.PostgreSql;

/// <summary>The row's reservation: nothing to take ahead (the database has the room or fails the write the same way).</summary>
internal sealed class PostgreSqlReservation(PostgreSqlCredentialStore store) : ICredentialReservation
{
    public void Commit(Credential credential) => store.Write(credential);

    public void Dispose()
    {
    }
}
