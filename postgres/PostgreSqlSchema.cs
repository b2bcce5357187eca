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

        // 2: the Data Protection key ring, when the host keeps it in this database (AddXaiGrokPostgreSqlStore): one row
        // per key, as Data Protection's own XML; read whole, appended to, never updated.
        """
        CREATE TABLE grok_data_protection_keys (
            id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            friendly_name text   NULL,
            xml           text   NOT NULL
        );
        """,
    ];

    /// <summary>The schema version this library writes and reads.</summary>
    public static int CurrentVersion => Steps.Length;

    /// <summary>Brings the schema to <see cref="CurrentVersion"/>; returns how many steps this call applied.</summary>
    /// <exception cref="SchemaTooNewException">The database is newer than this library.</exception>
    public static Task<int> MigrateAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken) =>
        RunAsync(dataSource, async: true, cancellationToken);

    /// <inheritdoc cref="MigrateAsync"/>
    public static int Migrate(NpgsqlDataSource dataSource) =>
        RunAsync(dataSource, async: false, CancellationToken.None).GetAwaiter().GetResult();

    // One body for both: with async false every call below completes synchronously (Npgsql's own pattern), so the
    // sync caller never blocks on a pending task.
    private static async Task<int> RunAsync(NpgsqlDataSource dataSource, bool async, CancellationToken cancellationToken)
    {
        await using var connection = async ? await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false) : dataSource.OpenConnection();
        await using var transaction = async ? await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false) : connection.BeginTransaction();
        await ExecuteAsync(connection, transaction, "SELECT pg_advisory_xact_lock($1)", MigrationLock, async, cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, transaction, "CREATE TABLE IF NOT EXISTS grok_schema_version (version integer NOT NULL)", null, async, cancellationToken).ConfigureAwait(false);

        int current;
        await using (var read = new NpgsqlCommand("SELECT coalesce(max(version), 0) FROM grok_schema_version", connection, transaction))
        {
            current = (int)(async ? await read.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) : read.ExecuteScalar())!;
        }

        if (current > CurrentVersion)
        {
            throw new SchemaTooNewException($"The database's XaiGrok.Onboarding schema is version {current}, newer than this library's {CurrentVersion}: update the package on every replica.");
        }

        for (var step = current; step < Steps.Length; step++)
        {
            await ExecuteAsync(connection, transaction, Steps[step], null, async, cancellationToken).ConfigureAwait(false);
        }

        if (current < CurrentVersion)
        {
            await ExecuteAsync(connection, transaction, "DELETE FROM grok_schema_version", null, async, cancellationToken).ConfigureAwait(false);
            await ExecuteAsync(connection, transaction, "INSERT INTO grok_schema_version (version) VALUES ($1)", CurrentVersion, async, cancellationToken).ConfigureAwait(false);
        }

        if (async)
        {
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        else
        {
            transaction.Commit();
        }

        return CurrentVersion - current;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, object? parameter, bool async, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        if (parameter is not null)
        {
            command.Parameters.AddWithValue(parameter);
        }

        if (async)
        {
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        else
        {
            command.ExecuteNonQuery();
        }
    }
}
