using System.Diagnostics.CodeAnalysis;
using Npgsql;
using XaiGrok.Onboarding.Storage;

namespace XaiGrok.Onboarding.PostgreSql;

/// <summary>
/// The host's data source and the promise that the tables exist. A host must start while its database is down (a
/// container's singleton factory cannot wait on it), so the schema is ensured lazily: by the first operation that needs
/// it, again by the next one when that failed, and never again once it succeeded (a volatile flag, no lock on the path
/// after). One migration at a time per process, so a burst of first calls does not fill the pool with waiters.
/// </summary>
[SuppressMessage("Design", "CA1001", Justification = "A SemaphoreSlim whose AvailableWaitHandle is never read holds nothing to dispose; the store lives as long as the process.")]
internal sealed class PostgreSqlDatabase(NpgsqlDataSource dataSource)
{
    private readonly SemaphoreSlim migrating = new(1, 1);
    private volatile bool ready;

    public NpgsqlDataSource DataSource => dataSource;

    /// <summary>The schema is known to be current (an eager <c>OpenAsync</c> migrated it).</summary>
    public void MarkReady() => ready = true;

    /// <exception cref="NpgsqlException">The database could not be reached (the caller maps it).</exception>
    /// <exception cref="StorageException">The database's schema is newer than this library.</exception>
    public void EnsureSchema()
    {
        if (ready)
        {
            return;
        }

        migrating.Wait();
        try
        {
            if (!ready)
            {
                Migrate(() => PostgreSqlSchema.Migrate(dataSource));
            }
        }
        finally
        {
            migrating.Release();
        }
    }

    /// <inheritdoc cref="EnsureSchema"/>
    public async Task EnsureSchemaAsync(CancellationToken cancellationToken)
    {
        if (ready)
        {
            return;
        }

        await migrating.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!ready)
            {
                await MigrateAsync(() => PostgreSqlSchema.MigrateAsync(dataSource, cancellationToken)).ConfigureAwait(false);
            }
        }
        finally
        {
            migrating.Release();
        }
    }

    private void Migrate(Func<int> migrate)
    {
        try
        {
            migrate();
        }
        catch (SchemaTooNewException newer)
        {
            throw Newer(newer);
        }

        ready = true;
    }

    private async Task MigrateAsync(Func<Task<int>> migrate)
    {
        try
        {
            await migrate().ConfigureAwait(false);
        }
        catch (SchemaTooNewException newer)
        {
            throw Newer(newer);
        }

        ready = true;
    }

    private static StorageException Newer(SchemaTooNewException newer) =>
        new("postgresql:grok_schema_version", newer.Message, newer, "Update XaiGrok.Onboarding.PostgreSql on this replica to the version the other replicas run.");
}
