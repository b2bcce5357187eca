using System.Globalization;
using Microsoft.AspNetCore.DataProtection;
using Npgsql;
using XaiGrok.Onboarding.Bench.Platform;

namespace XaiGrok.Onboarding.Bench.Stores;

/// <summary>
/// A replica whose refreshes start at once in numbers above its pool: each takes its lock's connection, then asks the
/// pool for another for its re-read. Counts the refreshes that failed (the pool's wait cut at <see cref="PoolTimeoutSeconds"/>)
/// and how long the others took, for the pool-size advice in docs/scaling.md.
/// </summary>
internal static class PoolStall
{
    private const int PoolTimeoutSeconds = 5;

    public static async Task<int> RunAsync(int poolSize, int workers)
    {
        await using var cluster = await PostgresCluster.StartAsync();
        await using var emulator = await EmulatorProcess.StartAsync();
        var connection = new NpgsqlConnectionStringBuilder(await cluster.CreateDatabaseAsync("grok_pool", poolSize)) { Timeout = PoolTimeoutSeconds }.ConnectionString;
        await using var rig = await StoreRig.OpenAsync(connection, new EphemeralDataProtectionProvider(), emulator.Issuer);
        var shape = SyntheticUser.Credential(new Credentials.Credential
        {
            Source = Credentials.CredentialSources.OAuth,
            AccessToken = new string('a', 744),
            RefreshToken = new string('r', 43),
            IdToken = new string('i', 614),
            ExpiresAt = TimeProvider.System.GetUtcNow(),
            ObtainedAt = TimeProvider.System.GetUtcNow(),
        });
        var users = await StoreCosts.SeedAsync(rig, StoreKind.PostgreSql, "stall", workers, shape, "key", ["grok-4.3"], withFlow: false);
        var failed = 0;
        string? firstFailure = null;
        var rounds = 5;
        var (latencies, perSecond) = await SideBySide.ConcurrentAsync(workers, workers * rounds, async worker =>
        {
            try
            {
                await users[worker].RefreshAsync();
            }
            catch (Exception e) when (e is Storage.StorageException or NpgsqlException or InvalidOperationException)
            {
                Interlocked.Increment(ref failed);
                Interlocked.CompareExchange(ref firstFailure, e.GetType().Name + ": " + e.Message, null);
            }
        });
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"pool {poolSize} (Timeout {PoolTimeoutSeconds} s), {workers} refreshes (store share) at once, {workers * rounds} in all: failed {failed}; {perSecond:F0}/s, p50 {Latencies.Ms(latencies.P50)} ms, p99 {Latencies.Ms(latencies.P99)} ms{(firstFailure is null ? "" : "; first failure: " + firstFailure)}"));
        return 0;
    }
}
