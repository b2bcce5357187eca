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

    /// <summary>How soon, at first, a refresh's answer whose lock was lost tries again to store it (doubling to <see cref="LastRetry"/>).</summary>
    internal static readonly TimeSpan FirstRetry = TimeSpan.FromMilliseconds(250);

    private static readonly TimeSpan LastRetry = TimeSpan.FromSeconds(2);

    private PostgreSqlAdvisoryLock? held;

    // The row's sealed bytes as last read: under the lock, what a refresh's answer may replace (see SaveAnswerAsync).
    private byte[]? lastReadSealed;

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

    public CredentialRead Read() => Remember(Run(command =>
    {
        command.CommandText = "SELECT sealed FROM grok_credentials WHERE user_id = $1";
        command.Parameters.AddWithValue(userId);
        var found = command.ExecuteScalar() as byte[];
        lastReadSealed = found;
        return found is null ? CredentialRead.Missing : Open(sealing, found);
    }));

    public CredentialRead ReadRecent() => Read();

    public Task<CredentialRead> ReadOrQuarantineAsync(CancellationToken cancellationToken) => Task.FromResult(Read());

    public void Write(Credential credential) => Execute(
        """
        INSERT INTO grok_credentials (user_id, sealed, expires_at, needs_reauth, updated_at) VALUES ($1, $2, $3, $4, $5)
        ON CONFLICT (user_id) DO UPDATE SET sealed = excluded.sealed, expires_at = excluded.expires_at, needs_reauth = excluded.needs_reauth, updated_at = excluded.updated_at
        """,
        command => BindRow(command, credential));

    /// <summary>A row needs no room taken ahead: the reservation writes in place, on the lock's connection.</summary>
    public ICredentialReservation Reserve(Credential current) => new PostgreSqlReservation(this, lastReadSealed);

    /// <summary>
    /// Stores a refresh's answer: on the lock's connection, or, when that connection (and so the lock) was lost on the
    /// way (the database restarted, a network cut), under the lock taken again on a new connection, only while the row
    /// is still the one this refresh read (<paramref name="seen"/>): the answer holds the only live refresh token, so it
    /// is worth waiting for the database, up to the lock timeout on the injected clock; a row another replica changed
    /// meanwhile is never written over. Without this, a restart between the token request and the write lost the
    /// session (the tests' database restart showed it).
    /// </summary>
    /// <exception cref="StorageException">Not stored: the database stayed away past the lock timeout, or another replica changed the row.</exception>
    internal async Task SaveAnswerAsync(Credential credential, byte[]? seen)
    {
        try
        {
            Write(credential);
            return;
        }
        catch (StorageException lost) when (held is { IsBroken: true })
        {
            var deadline = clock.GetUtcNow() + lockTimeout;
            var wait = FirstRetry;
            var last = lost;
            while (clock.GetUtcNow() < deadline)
            {
                await Task.Delay(wait, clock).ConfigureAwait(false);
                wait = wait * 2 < LastRetry ? wait * 2 : LastRetry;
                try
                {
                    // A lock of its own, not `held`: what the engine writes after this (a mark, a delete) still goes to the
                    // lost connection and fails, fenced, instead of landing unlocked.
                    using var again = await PostgreSqlAdvisoryLock.TakeAsync(database, PostgreSqlAdvisoryLock.CredentialLock, userId, Table, deadline - clock.GetUtcNow(), CancellationToken.None).ConfigureAwait(false);
                    if (!again.TryRun(Table, command => ReplaceIfUnchanged(command, credential, seen), out var replaced) || !replaced)
                    {
                        throw new StorageException("postgresql:" + Table, "The refreshed tokens could not be stored: another replica changed the session while the database was away.", null, StoreFailure.Hint);
                    }

                    return;
                }
                catch (StorageException again) when (again.InnerException is not null && StoreFailure.IsDatabase(again.InnerException))
                {
                    last = again;
                }
            }

            throw last;
        }
    }

    public void Delete() => Execute("DELETE FROM grok_credentials WHERE user_id = $1", command => command.Parameters.AddWithValue(userId));

    private void Execute(string sql, Action<NpgsqlCommand> bind) => Run(command =>
    {
        command.CommandText = sql;
        bind(command);
        return command.ExecuteNonQuery();
    });

    /// <summary>
    /// On the lock's connection while this store holds the lock (a write there is fenced by the lock: a lost lock fails
    /// it instead of racing the next holder; a read there needs no second connection), else on a pooled one.
    /// </summary>
    private T Run<T>(Func<NpgsqlCommand, T> work) =>
        held is { } mine && mine.TryRun(Table, work, out var result) ? result : PooledCommand.Run(database, Table, work);

    private bool ReplaceIfUnchanged(NpgsqlCommand command, Credential credential, byte[]? seen)
    {
        command.CommandText = seen is null
            ? "INSERT INTO grok_credentials (user_id, sealed, expires_at, needs_reauth, updated_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (user_id) DO NOTHING"
            : "UPDATE grok_credentials SET sealed = $2, expires_at = $3, needs_reauth = $4, updated_at = $5 WHERE user_id = $1 AND sealed = $6";
        BindRow(command, credential);
        if (seen is not null)
        {
            command.Parameters.AddWithValue(NpgsqlDbType.Bytea, seen);
        }

        return command.ExecuteNonQuery() == 1;
    }

    private void BindRow(NpgsqlCommand command, Credential credential)
    {
        command.Parameters.AddWithValue(userId);
        command.Parameters.AddWithValue(NpgsqlDbType.Bytea, sealing.SealCredential(JsonSerializer.SerializeToUtf8Bytes(CredentialFile.From(credential), StateJsonContext.Default.CredentialFile)));
        command.Parameters.AddWithValue(NpgsqlDbType.TimestampTz, credential.ExpiresAt.UtcDateTime);
        command.Parameters.AddWithValue(credential.NeedsReauth);
        command.Parameters.AddWithValue(NpgsqlDbType.TimestampTz, clock.GetUtcNow().UtcDateTime);
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
