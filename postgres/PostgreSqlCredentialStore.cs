using System.Globalization;
using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using XaiGrok.Onboarding.Credentials;
using XaiGrok.Onboarding.Secrets;
using XaiGrok.Onboarding.Storage;
using XaiGrok.Onboarding.Stores;

namespace XaiGrok.Onboarding.PostgreSql;

/// <summary>
/// One person's credential as a row of <c>grok_credentials</c>, sealed with Data Protection. The lock is a session-level
/// advisory lock held by a connection of its own (<see cref="PostgreSqlAdvisoryLock"/>): every replica that shares the
/// database waits on it, and it goes with the connection when the holder dies. Writes made under the lock run on that
/// same connection and commit at once: a holder that lost its connection (and so its lock) cannot write over what the
/// next holder stored, and what a refresh brought is durable before anyone uses it.
/// </summary>
internal sealed class PostgreSqlCredentialStore(PostgreSqlDatabase database, string userId, SecretSealing sealing, TimeProvider clock, TimeSpan lockTimeout, SecretRegistry? secrets) : ICredentialStore
{
    private const string Table = "grok_credentials";

    private PostgreSqlAdvisoryLock? held;

    public string UserId => userId;

    /// <summary>An unusable row is reported, never set aside: a replica with the wrong key ring must not remove a session every other replica can open.</summary>
    public bool HasQuarantinedCopy => false;

    public async Task<IDisposable> LockAsync(CancellationToken cancellationToken)
    {
        var taken = await PostgreSqlAdvisoryLock.TakeAsync(database, PostgreSqlAdvisoryLock.CredentialLock, userId, Table, lockTimeout, cancellationToken).ConfigureAwait(false);
        taken.Released += () => Interlocked.CompareExchange(ref held, null, taken);
        held = taken;
        return taken;
    }

    public CredentialRead Read() => Remember(PooledCommand.Run(database, Table, command =>
    {
        command.CommandText = "SELECT sealed FROM grok_credentials WHERE user_id = $1";
        command.Parameters.AddWithValue(userId);
        return command.ExecuteScalar() is byte[] sealedBytes ? Open(sealing, sealedBytes) : CredentialRead.Missing;
    }));

    public CredentialRead ReadRecent() => Read();

    public Task<CredentialRead> ReadOrQuarantineAsync(CancellationToken cancellationToken) => Task.FromResult(Read());

    public void Write(Credential credential) => Execute(
        """
        INSERT INTO grok_credentials (user_id, sealed, expires_at, needs_reauth, updated_at) VALUES ($1, $2, $3, $4, $5)
        ON CONFLICT (user_id) DO UPDATE SET sealed = excluded.sealed, expires_at = excluded.expires_at, needs_reauth = excluded.needs_reauth, updated_at = excluded.updated_at
        """,
        command =>
        {
            command.Parameters.AddWithValue(userId);
            command.Parameters.AddWithValue(NpgsqlDbType.Bytea, sealing.SealCredential(JsonSerializer.SerializeToUtf8Bytes(CredentialFile.From(credential), StateJsonContext.Default.CredentialFile)));
            command.Parameters.AddWithValue(NpgsqlDbType.TimestampTz, credential.ExpiresAt.UtcDateTime);
            command.Parameters.AddWithValue(credential.NeedsReauth);
            command.Parameters.AddWithValue(NpgsqlDbType.TimestampTz, clock.GetUtcNow().UtcDateTime);
        });

    /// <summary>A row needs no room taken ahead: the reservation writes in place, on the lock's connection.</summary>
    public ICredentialReservation Reserve(Credential current) => new PostgreSqlReservation(this);

    public void Delete() => Execute("DELETE FROM grok_credentials WHERE user_id = $1", command => command.Parameters.AddWithValue(userId));

    private void Execute(string sql, Action<NpgsqlCommand> bind)
    {
        if (held is not { } mine)
        {
            PooledCommand.Run(database, Table, command =>
            {
                command.CommandText = sql;
                bind(command);
                return command.ExecuteNonQuery();
            });
            return;
        }

        try
        {
            // Under the lock: on the lock's connection, so a lost lock fails the write instead of racing the next holder.
            using var command = new NpgsqlCommand(sql, mine.Connection);
            bind(command);
            command.ExecuteNonQuery();
        }
        catch (Exception e) when (StoreFailure.IsDatabase(e))
        {
            throw StoreFailure.From(Table, e);
        }
    }

    /// <summary>A row's sealed credential, opened: found, or unusable with why (never a value).</summary>
    internal static CredentialRead Open(SecretSealing sealing, byte[] sealedBytes)
    {
        if (sealing.OpenCredential(sealedBytes) is not { } plain)
        {
            return CredentialRead.Unusable("the stored credential cannot be decrypted: this replica's Data Protection key ring is not the one that sealed it (see the key ring in the PostgreSQL store's README).");
        }

        return CredentialFileReader.Parse(plain) is { Version: CredentialFile.CurrentVersion } file && file.ToCredential() is { } credential
            ? CredentialRead.Found(credential)
            : CredentialRead.Unusable("the stored credential is corrupt.");
    }

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

    /// <summary>For the lock's failure message.</summary>
    internal static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
}
