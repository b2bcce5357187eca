using Npgsql;
using XaiGrok.Onboarding.Storage;

namespace XaiGrok.Onboarding.PostgreSql;

/// <summary>
/// One of a person's locks (the credential's, the sign-ins'): <c>pg_advisory_lock(kind, hashtext(user_id))</c> on a
/// connection kept open until <see cref="Dispose"/>. PostgreSQL releases it when the connection ends, so a replica
/// killed mid-refresh (or whose connection was cut) never blocks the others. Two people whose ids hash alike only wait
/// on each other.
/// </summary>
internal sealed class PostgreSqlAdvisoryLock : IDisposable
{
    private const string LockNotAvailable = "55P03";

    /// <summary>The first key of a person's credential lock (the second is the hash of the user id).</summary>
    public const int CredentialLock = 0x47726F6B; // "Grok"

    /// <summary>The first key of a person's sign-in lock.</summary>
    public const int SignInLock = 0x47726F70; // "Grop"

    private readonly int kind;
    private readonly string userId;

    // One statement at a time on the lock's connection (Npgsql connections are not thread-safe): the holder's, and
    // those of the same person's other calls, which read through it while it is held instead of taking a second
    // pooled connection (see TryRun).
    private readonly Lock gate = new();
    private bool released;

    private PostgreSqlAdvisoryLock(NpgsqlConnection connection, int kind, string userId)
    {
        Connection = connection;
        this.kind = kind;
        this.userId = userId;
    }

    /// <summary>The connection that holds the lock: writes under the lock go through it.</summary>
    public NpgsqlConnection Connection { get; }

    public event Action? Released;

    /// <summary>Whether the lock's connection is gone (and the lock with it, on the server's side).</summary>
    public bool IsBroken => Connection.FullState != System.Data.ConnectionState.Open;

    /// <summary>
    /// Runs one statement on the lock's connection; false (nothing run) once the lock is released. The person's store
    /// reads and writes through here while the lock is held: a refresh then needs one connection, not two, so a burst
    /// of refreshes as large as the pool cannot take every connection for locks and wait forever for one to read with
    /// (measured before: pool 8, 8 refreshes at once, 30 of 40 failed at the pool's timeout). A write that fails here
    /// because the connection (and so the lock) was lost fails the write: it never falls back to another connection.
    /// </summary>
    /// <exception cref="StorageException">The statement failed (the database, or the lock's connection, is gone).</exception>
    public bool TryRun<T>(string table, Func<NpgsqlCommand, T> work, out T result)
    {
        lock (gate)
        {
            if (released)
            {
                result = default!;
                return false;
            }

            try
            {
                using var command = Connection.CreateCommand();
                result = work(command);
                return true;
            }
            catch (Exception e) when (StoreFailure.IsDatabase(e) || (e is InvalidOperationException && IsBroken))
            {
                // Npgsql refuses a statement on a connection it already knows is broken with an InvalidOperationException:
                // the lock is gone with that connection, which is the database's failure, not a bug of the caller.
                throw StoreFailure.From(table, e);
            }
        }
    }

    /// <exception cref="StorageException">Not taken within <paramref name="timeout"/>, or the database is unreachable.</exception>
    public static async Task<PostgreSqlAdvisoryLock> TakeAsync(PostgreSqlDatabase database, int kind, string userId, string table, TimeSpan timeout, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await database.EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
                return await TryTakeAsync(database.DataSource, kind, userId, timeout, cancellationToken).ConfigureAwait(false);
            }
            catch (NpgsqlException e) when (attempt == 1 && StoreFailure.IsDroppedConnection(e))
            {
                // A pooled connection the server dropped while it sat idle: nothing was held on it; once more on a new one.
                database.DataSource.Clear();
            }
            catch (PostgresException e) when (e.SqlState == LockNotAvailable)
            {
                throw new StorageException(
                    "postgresql:" + table,
                    $"Could not take the {(kind == CredentialLock ? "credential" : "sign-in")} lock in PostgreSQL within {PostgreSqlCredentialStore.Seconds(timeout)} s; another replica holds it. Wait for it to finish, then try again.",
                    e,
                    "Another replica holds this person's lock (a refresh or a sign-in in flight): try again in a moment; if it lasts, look for a stuck replica or raise LockTimeoutSeconds.");
            }
            catch (Exception e) when (StoreFailure.IsDatabase(e))
            {
                throw StoreFailure.From(table, e);
            }
        }
    }

    private static async Task<PostgreSqlAdvisoryLock> TryTakeAsync(NpgsqlDataSource dataSource, int kind, string userId, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var taken = false;
        try
        {
            // lock_timeout bounds the wait server-side; SET LOCAL keeps it to this transaction, the lock itself is the session's.
            await using (var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false))
            {
                var milliseconds = Math.Max(1, (long)Math.Ceiling(timeout.TotalMilliseconds));
                await using (var limit = new NpgsqlCommand($"SET LOCAL lock_timeout = {milliseconds}", connection, transaction))
                {
                    await limit.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                await using (var take = new NpgsqlCommand("SELECT pg_advisory_lock($1, hashtext($2))", connection, transaction))
                {
                    take.Parameters.AddWithValue(kind);
                    take.Parameters.AddWithValue(userId);
                    await take.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }

            taken = true;
            return new PostgreSqlAdvisoryLock(connection, kind, userId);
        }
        finally
        {
            if (!taken)
            {
                // A wait cut short may still have been granted at the last moment: never hand such a connection back.
                ReleaseAll(connection);
                await connection.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    public void Dispose()
    {
        lock (gate)
        {
            if (released)
            {
                return;
            }

            released = true;
        }

        Released?.Invoke();

        // After a statement another call may still be running through TryRun: never two at once on one connection.
        lock (gate)
        {
            try
            {
                using var unlock = new NpgsqlCommand("SELECT pg_advisory_unlock($1, hashtext($2))", Connection);
                unlock.Parameters.AddWithValue(kind);
                unlock.Parameters.AddWithValue(userId);
                unlock.ExecuteNonQuery();
            }
            catch (Exception e) when (StoreFailure.IsDatabase(e) || e is InvalidOperationException)
            {
                // The connection is gone, and the lock with it.
            }
            finally
            {
                Connection.Dispose();
            }
        }
    }

    private static void ReleaseAll(NpgsqlConnection connection)
    {
        try
        {
            if (connection.State == System.Data.ConnectionState.Open)
            {
                using var unlock = new NpgsqlCommand("SELECT pg_advisory_unlock_all()", connection);
                unlock.ExecuteNonQuery();
            }
        }
        catch (Exception e) when (StoreFailure.IsDatabase(e) || e is InvalidOperationException)
        {
            // A broken connection is not returned to the pool.
        }
    }
}
