using Npgsql;

namespace XaiGrok.Onboarding.PostgreSql;

/// <summary>
/// Creates and migrates the store's tables. Versioned (<c>grok_schema_version</c> holds the highest step applied),
/// idempotent (a step runs once, ever), and safe when several replicas start at once: the whole migration runs in one
/// transaction under a transaction-level advisory lock, so the second replica waits, then finds nothing left to do.
/// A replica that dies half-way rolls its transaction back and releases the lock with its connection.
/// </summary>
internal static class PostgreSqlSchema
{
    /// <summary>The advisory lock of the migration (the one-key form: apart from the two-key per-person locks).</summary>
    private const long MigrationLock = 0x4772_6F6B_5363_6831; // "GrokSch1"

    /// <summary>Every step, in order; a step is never edited once released, only followed by another.</summary>
    private static readonly string[] Steps =
    [
        // 1: one row per person for the credential (sealed), the pending sign-ins (sealed: the device code is a
        // secret), the model list and the chosen model. Every lookup is by primary key: a person's row, or a person's
        // pending sign-in; listing a person's sign-ins is a scan of the primary key's prefix.
        """
        CREATE TABLE grok_credentials (
            user_id      text        PRIMARY KEY,
            sealed       bytea       NOT NULL,
            expires_at   timestamptz NOT NULL,
            needs_reauth boolean     NOT NULL,
            updated_at   timestamptz NOT NULL
        );
        CREATE TABLE grok_pending_flows (
            user_id    text        NOT NULL,
            pending_id text        NOT NULL,
            sealed     bytea       NOT NULL,
            created_at timestamptz NOT NULL,
            expires_at timestamptz NOT NULL,
            PRIMARY KEY (user_id, pending_id)
        );
        CREATE TABLE grok_model_cache (
            user_id      text        PRIMARY KEY,
            cache_key    text        NOT NULL,
            fetched_at   timestamptz NOT NULL,
            upstream_ids text[]      NOT NULL
        );
        CREATE TABLE grok_settings (
            user_id        text PRIMARY KEY,
            selected_model text NULL
        );
        """,

        // 3: what stayed in each replica's folder and made replicas answer differently: the sign-ins that ended in a
        // connection (so that a poll on any replica of a sign-in another redeemed answers connected; pending ids are no
        // secrets, results show them) and what calls taught about the account's models (so that every replica offers
        // and accepts the same models). Lookups by primary key or its prefix, as in step 1.
        """
        CREATE TABLE grok_completed_sign_ins (
            user_id      text        NOT NULL,
            pending_id   text        NOT NULL,
            completed_at timestamptz NOT NULL,
            keep_until   timestamptz NOT NULL,
            PRIMARY KEY (user_id, pending_id)
        );
        CREATE TABLE grok_model_access (
            user_id   text   PRIMARY KEY,
            cache_key text   NOT NULL,
            works     text[] NOT NULL,
            refused   text[] NOT NULL
        );
        """,
    ];

    /// <summary>The schema version this library writes and reads.</summary>
    public static int CurrentVersion => Steps.Length;

    /// <summary>Brings the schema to <see cref="CurrentVersion"/>; returns how many steps this call applied.</summary>
    /// <exception cref="InvalidOperationException">The database is newer than this library.</exception>
    public static async Task<int> MigrateAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var take = new NpgsqlCommand("SELECT pg_advisory_xact_lock($1)", connection, transaction))
        {
            take.Parameters.AddWithValue(MigrationLock);
            await take.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await using (var create = new NpgsqlCommand("CREATE TABLE IF NOT EXISTS grok_schema_version (version integer NOT NULL)", connection, transaction))
        {
            await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        int current;
        await using (var read = new NpgsqlCommand("SELECT coalesce(max(version), 0) FROM grok_schema_version", connection, transaction))
        {
            current = (int)(await read.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        }

        if (current > CurrentVersion)
        {
            throw new InvalidOperationException($"The database's XaiGrok.Onboarding schema is version {current}, newer than this library's {CurrentVersion}: update the package on every replica.");
        }

        for (var step = current; step < Steps.Length; step++)
        {
            await using var apply = new NpgsqlCommand(Steps[step], connection, transaction);
            await apply.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        if (current < CurrentVersion)
        {
            await using (var clear = new NpgsqlCommand("DELETE FROM grok_schema_version", connection, transaction))
            {
                await clear.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await using var record = new NpgsqlCommand("INSERT INTO grok_schema_version (version) VALUES ($1)", connection, transaction);
            record.Parameters.AddWithValue(CurrentVersion);
            await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return CurrentVersion - current;
    }
}
