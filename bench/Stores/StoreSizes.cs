using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.DataProtection;
using Npgsql;
using XaiGrok.Onboarding.Credentials;

namespace XaiGrok.Onboarding.Bench.Stores;

/// <summary>
/// Rows and bytes per connected user in PostgreSQL: USERS users written through the store (credential, model list,
/// chosen model), each table's size with its indexes and TOAST; then every user refreshed twice (the store's share):
/// the WAL each refresh writes, how many updates were HOT, and what the tables grew to.
/// </summary>
internal static class StoreSizes
{
    private static readonly string[] Tables = ["grok_credentials", "grok_pending_flows", "grok_model_cache", "grok_settings"];

    // fillfactor null: the schema as the store creates it (70 since step 4); else grok_credentials altered to it before any row is written.
    public static async Task RunAsync(PostgresCluster cluster, IDataProtectionProvider keys, string issuer, Credential shape, string modelKey, IReadOnlyList<string> modelIds, int users, int? fillfactor)
    {
        await using var rig = await StoreRig.OpenAsync(await cluster.CreateDatabaseAsync("grok_sizes_" + (fillfactor ?? 70), StoreCosts.MaxPoolSize), keys, issuer);
        if (fillfactor is { } percent)
        {
            await using var alter = rig.DataSource.CreateCommand($"ALTER TABLE grok_credentials SET (fillfactor = {percent})");
            await alter.ExecuteNonQueryAsync();
        }

        var writing = Stopwatch.StartNew();
        var seeded = await StoreCosts.SeedAsync(rig, StoreKind.PostgreSql, "user", users, shape, modelKey, modelIds, withFlow: false);
        writing.Stop();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"\nrows and bytes, grok_credentials fillfactor {fillfactor ?? 70}{(fillfactor is null ? " (as the store creates it, schema step 4)" : " (altered by this bench)")}: {users} users written through the PostgreSQL store (credential, model list, chosen model; concurrency 16) in {writing.Elapsed.TotalSeconds:F1} s"));
        await PrintSizesAsync(rig.DataSource, users, "after writing");
        await PrintSealedAsync(rig.DataSource);

        for (var round = 1; round <= 2; round++)
        {
            if (round == 2)
            {
                // The steady state of many users: a checkpoint since each row's page was last written, so the first
                // change of every page after it logs the whole page (full_page_writes).
                await using var checkpoint = rig.DataSource.CreateCommand("CHECKPOINT");
                await checkpoint.ExecuteNonQueryAsync();
            }

            var before = await WalAsync(rig.DataSource);
            var refreshing = Stopwatch.StartNew();
            await Parallel.ForAsync(0, users, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, _) => await seeded[i].RefreshAsync());
            refreshing.Stop();
            var wal = await WalAsync(rig.DataSource) - before;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  refresh round {round}{(round == 2 ? " (right after a CHECKPOINT)" : "")}: {users} refreshes (store share, concurrency 16) in {refreshing.Elapsed.TotalSeconds:F1} s ({users / refreshing.Elapsed.TotalSeconds:F0}/s); WAL {wal / (double)users:F0} bytes per refresh"));
        }

        // Statistics reach pg_stat_user_tables when a backend reports: closing the pool's connections makes them report.
        rig.DataSource.Clear();
        await Task.Delay(TimeSpan.FromSeconds(2));
        await PrintSizesAsync(rig.DataSource, users, "after two refreshes per user");
        await using var hot = rig.DataSource.CreateCommand("SELECT n_tup_upd, n_tup_hot_upd, n_dead_tup, coalesce(last_autovacuum::text, 'never') FROM pg_stat_user_tables WHERE relname = 'grok_credentials'");
        await using var reader = await hot.ExecuteReaderAsync();
        if (await reader.ReadAsync())
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  grok_credentials updates {reader.GetInt64(0)}, of which HOT {reader.GetInt64(1)} ({100.0 * reader.GetInt64(1) / Math.Max(1, reader.GetInt64(0)):F0}%); dead tuples {reader.GetInt64(2)}; last autovacuum {reader.GetString(3)}"));
        }

        await reader.DisposeAsync();
        await using (var vacuum = rig.DataSource.CreateCommand("VACUUM"))
        {
            await vacuum.ExecuteNonQueryAsync();
        }

        await PrintSizesAsync(rig.DataSource, users, "after VACUUM");
    }

    private static async Task PrintSizesAsync(NpgsqlDataSource dataSource, int users, string when)
    {
        Console.WriteLine($"  table sizes {when} (bytes; per user = total / {users}):");
        foreach (var table in Tables)
        {
            await using var command = dataSource.CreateCommand($"""
                SELECT (SELECT count(*) FROM {table}), (SELECT coalesce(avg(pg_column_size(t.*)), 0)::bigint FROM {table} t), pg_total_relation_size(c.oid), pg_relation_size(c.oid), pg_indexes_size(c.oid),
                       coalesce(pg_total_relation_size(nullif(c.reltoastrelid, 0)), 0)
                FROM pg_class c WHERE c.relname = '{table}'
                """);
            await using var reader = await command.ExecuteReaderAsync();
            await reader.ReadAsync();
            var total = reader.GetInt64(2);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"    {table,-20} rows {reader.GetInt64(0),7} (avg row {reader.GetInt64(1),5})  total {total,10} (heap {reader.GetInt64(3)}, indexes {reader.GetInt64(4)}, TOAST {reader.GetInt64(5)})  per user {total / (double)users:F0}"));
        }
    }

    private static async Task PrintSealedAsync(NpgsqlDataSource dataSource)
    {
        await using var command = dataSource.CreateCommand("SELECT avg(octet_length(sealed)), avg(pg_column_size(sealed)), avg(pg_column_size(c.*)) FROM grok_credentials c");
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  sealed credential: {reader.GetDecimal(0):F0} bytes (stored {reader.GetDecimal(1):F0} bytes); whole row {reader.GetDecimal(2):F0} bytes"));
    }

    private static async Task<long> WalAsync(NpgsqlDataSource dataSource)
    {
        await using var command = dataSource.CreateCommand("SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::bigint");
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
