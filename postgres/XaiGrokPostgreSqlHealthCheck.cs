using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;
using XaiGrok.Onboarding.PostgreSql;

namespace XaiGrok.Onboarding;

/// <summary>
/// The PostgreSQL store's health, for a replica's readiness probe: the database answers on this replica's pool, and its
/// schema is one this library reads (created, or not yet: the first call creates it). Register it with
/// <c>services.AddHealthChecks().AddCheck&lt;XaiGrokPostgreSqlHealthCheck&gt;("xai_grok_store")</c> (it takes the
/// registered <see cref="NpgsqlDataSource"/>). The description names no connection string and no value.
/// </summary>
public sealed class XaiGrokPostgreSqlHealthCheck(NpgsqlDataSource dataSource) : IHealthCheck
{
    /// <inheritdoc/>
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        int? version;
        try
        {
            // Two statements: a query naming a missing table fails when it is planned, whichever branch would run.
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var exists = new NpgsqlCommand("SELECT to_regclass('grok_schema_version') IS NOT NULL", connection);
            version = null;
            if (await exists.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is true)
            {
                await using var read = new NpgsqlCommand("SELECT coalesce(max(version), 0) FROM grok_schema_version", connection);
                version = await read.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as int?;
            }
        }
        catch (Exception e) when (StoreFailure.IsDatabase(e))
        {
            return HealthCheckResult.Unhealthy(StoreFailure.From("grok_schema_version", e).Message);
        }

        return version switch
        {
            null or 0 => HealthCheckResult.Healthy("The database answers; the store's tables are not created yet (the first call creates them)."),
            var current when current > PostgreSqlSchema.CurrentVersion => HealthCheckResult.Unhealthy($"The database's schema is version {current}, newer than this replica's library ({PostgreSqlSchema.CurrentVersion}): update the package on this replica."),
            var current => HealthCheckResult.Healthy($"The database answers; the store's schema is version {current} (this library writes {PostgreSqlSchema.CurrentVersion})."),
        };
    }
}
