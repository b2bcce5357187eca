using System.Globalization;
using Microsoft.AspNetCore.DataProtection;
using Npgsql;
using XaiGrok.Onboarding.Bench.Platform;
using XaiGrok.Onboarding.Credentials;

namespace XaiGrok.Onboarding.Bench.Stores;

/// <summary>
/// Per-operation costs of the two stores, side by side in one run, against a throwaway PostgreSQL cluster on
/// 127.0.0.1 and the emulator in a child process: a refresh with the lock (with the token request, and the store's
/// share alone), a credential read, a model-list read, a sign-in poll's store work; then N users refreshing at once;
/// then rows and bytes per user (<see cref="StoreSizes"/>).
/// </summary>
internal static class StoreCosts
{
    /// <summary>Npgsql's default, stated so the figures say what pool they had.</summary>
    public const int MaxPoolSize = 100;

    private const int SyntheticUsers = 200;
    private const int ConnectedUsers = 64;

    public static async Task<int> RunAsync(int rounds, int sizeUsers)
    {
        await using var cluster = await PostgresCluster.StartAsync();
        await using var emulator = await EmulatorProcess.StartAsync();
        var keys = new EphemeralDataProtectionProvider();
        await using var rig = await StoreRig.OpenAsync(await cluster.CreateDatabaseAsync("grok_costs", MaxPoolSize), keys, emulator.Issuer);
        await PrintMachineAsync(rig.DataSource);

        var roots = new[] { Directory.CreateTempSubdirectory("grok-bench-files-platform-").FullName, Directory.CreateTempSubdirectory("grok-bench-pg-platform-").FullName };
        try
        {
            using var files = Platform(emulator, roots[0], store: null);
            using var postgres = Platform(emulator, roots[1], rig.PostgreSql);
            var connected = Enumerable.Range(1, ConnectedUsers).Select(n => $"connected-{n}").ToArray();
            await Connect.UsersAsync(files, connected, code => emulator.ApproveAsync(code));
            await Connect.UsersAsync(postgres, connected, code => emulator.ApproveAsync(code));
            Connect.Require(await postgres.ForUser(connected[0]).ModelsAsync());
            var shape = rig.For(StoreKind.PostgreSql, connected[0]).Credentials.Read().Credential ?? throw new InvalidOperationException("no credential");
            var (modelKey, modelIds) = await ModelListAsync(rig.DataSource);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"credential shape (from the emulator): access token {shape.AccessToken.Length} chars, refresh token {shape.RefreshToken?.Length ?? 0}, id token {shape.IdToken?.Length ?? 0}; model list {modelIds.Count} ids"));

            await PerOperationAsync(rig, files, postgres, connected, shape, modelKey, modelIds, rounds);
            await ContentionAsync(rig, files, postgres, connected, shape, modelKey, modelIds, rounds);
            await StoreSizes.RunAsync(cluster, keys, emulator.Issuer, shape, modelKey, modelIds, sizeUsers, fillfactor: 100);
            await StoreSizes.RunAsync(cluster, keys, emulator.Issuer, shape, modelKey, modelIds, sizeUsers, fillfactor: null);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"file store, bytes per user: {FileBytesPerUser(roots[0], connected.Length)}"));
            return 0;
        }
        finally
        {
            foreach (var root in roots)
            {
                Directory.Delete(root, recursive: true);
            }
        }
    }

    private static async Task PerOperationAsync(StoreRig rig, GrokPlatform files, GrokPlatform postgres, string[] connected, Credential shape, string modelKey, IReadOnlyList<string> modelIds, int rounds)
    {
        var users = new Dictionary<StoreKind, StoreOperations[]>();
        foreach (var kind in new[] { StoreKind.Files, StoreKind.PostgreSql })
        {
            users[kind] = await SeedAsync(rig, kind, "solo", SyntheticUsers, shape, modelKey, modelIds, withFlow: true);
        }

        Console.WriteLine($"\nper operation, one at a time, {rounds} rounds, both stores interleaved ({SyntheticUsers} users each, round-robin):");
        // A file written in the last seconds is read again on every call (UnchangedFileCache.SettleTime): a host's
        // users were written long before their next call, so the reads come first, once the seeded files settled.
        await Task.Delay(Onboarding.Caching.UnchangedFileCache<object>.SettleTime + TimeSpan.FromSeconds(1));
        (string Label, Func<StoreOperations, Task> Run)[] operations =
        [
            ("credential read per call (bearer of every call)", o => o.ReadCredentialAsync()),
            ("credential read from the store (what a refresh re-reads)", o => o.ReadCredentialUncachedAsync()),
            ("model-list read", o => o.ReadModelListAsync()),
            ("sign-in poll's store work (lock, load, save, unlock)", o => o.PollAsync()),
            ("refresh, store share (lock, re-read, write, unlock)", o => o.RefreshAsync()),
        ];
        foreach (var (label, run) in operations)
        {
            var (f, p) = await SideBySide.TimeAsync(rounds, (kind, i) => run(users[kind][i % SyntheticUsers]));
            Console.WriteLine(SideBySide.Row(label, f, p));
        }

        var full = Math.Min(rounds, 400);
        var (ff, fp) = await SideBySide.TimeAsync(full, (kind, i) => RefreshAsync(kind == StoreKind.Files ? files : postgres, connected[i % connected.Length]), warmup: 20);
        Console.WriteLine(SideBySide.Row("refresh with the token request (public RefreshAsync)", ff, fp));
    }

    private static async Task ContentionAsync(StoreRig rig, GrokPlatform files, GrokPlatform postgres, string[] connected, Credential shape, string modelKey, IReadOnlyList<string> modelIds, int rounds)
    {
        var busy = new Dictionary<StoreKind, StoreOperations[]>();
        foreach (var kind in new[] { StoreKind.Files, StoreKind.PostgreSql })
        {
            busy[kind] = await SeedAsync(rig, kind, "busy", 64, shape, modelKey, modelIds, withFlow: false);
        }

        Console.WriteLine($"\nN users refreshing at once, each its own user (one process, pool {MaxPoolSize}):");
        foreach (var n in new[] { 1, 8, 32, 64 })
        {
            var total = Math.Max(rounds, 20 * n);
            var f = await SideBySide.ConcurrentAsync(n, total, worker => busy[StoreKind.Files][worker].RefreshAsync());
            var p = await SideBySide.ConcurrentAsync(n, total, worker => busy[StoreKind.PostgreSql][worker].RefreshAsync());
            Console.WriteLine(Concurrent($"store share, N={n}", total, f, p));
        }

        foreach (var n in new[] { 1, 8, 32, 64 })
        {
            var total = Math.Max(64, 8 * n);
            var f = await SideBySide.ConcurrentAsync(n, total, worker => RefreshAsync(files, connected[worker]));
            var p = await SideBySide.ConcurrentAsync(n, total, worker => RefreshAsync(postgres, connected[worker]));
            Console.WriteLine(Concurrent($"with the token request, N={n}", total, f, p));
        }
    }

    private static string Concurrent(string label, int total, (Latencies L, double PerSecond) f, (Latencies L, double PerSecond) p) => string.Create(CultureInfo.InvariantCulture,
        $"  {label,-32} files {f.PerSecond,6:F0}/s p50 {Latencies.Ms(f.L.P50),7} p99 {Latencies.Ms(f.L.P99),7} | postgresql {p.PerSecond,6:F0}/s p50 {Latencies.Ms(p.L.P50),7} p99 {Latencies.Ms(p.L.P99),7} | pg/files throughput {p.PerSecond / f.PerSecond:F2}x  (ms, {total} each)");

    private static async Task RefreshAsync(GrokPlatform platform, string userId)
    {
        var refreshed = await platform.ForUser(userId).RefreshAsync();
        if (!refreshed.Ok)
        {
            throw new InvalidOperationException("a refresh failed: " + refreshed.ToJson());
        }
    }

    public static async Task<StoreOperations[]> SeedAsync(StoreRig rig, StoreKind kind, string prefix, int count, Credential shape, string modelKey, IReadOnlyList<string> modelIds, bool withFlow)
    {
        var seeded = new StoreOperations[count];
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, _) =>
            seeded[i] = await StoreOperations.SeedAsync(rig.For(kind, $"{prefix}-{i}@example.com"), shape, modelKey, modelIds, withFlow ? SyntheticUser.Flow(shape.Issuer ?? "http://127.0.0.1") : null));
        return seeded;
    }

    private static GrokPlatform Platform(EmulatorProcess emulator, string root, GrokUserStore? store) => new(new GrokPlatformOptions
    {
        Issuer = new Uri(emulator.Issuer),
        ClientId = "bench-client",
        ApiBaseUrl = new Uri(emulator.ApiBaseUrl),
        StateRoot = root,
        Store = store,
        IdleTimeout = TimeSpan.FromHours(2),
    });

    private static async Task<(string Key, IReadOnlyList<string> Ids)> ModelListAsync(NpgsqlDataSource dataSource)
    {
        await using var command = dataSource.CreateCommand("SELECT cache_key, upstream_ids FROM grok_model_cache LIMIT 1");
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync() ? (reader.GetString(0), reader.GetFieldValue<string[]>(1)) : throw new InvalidOperationException("no model list stored");
    }

    private static async Task PrintMachineAsync(NpgsqlDataSource dataSource)
    {
        await using var version = dataSource.CreateCommand("SELECT version(), current_setting('shared_buffers'), current_setting('fsync'), current_setting('synchronous_commit'), current_setting('max_connections')");
        await using var reader = await version.ExecuteReaderAsync();
        await reader.ReadAsync();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
            machine: {Environment.ProcessorCount} cores, load average {File.ReadAllText("/proc/loadavg").Trim()} (at start), .NET {Environment.Version}
            server: {reader.GetString(0)}; shared_buffers {reader.GetString(1)}, fsync {reader.GetString(2)}, synchronous_commit {reader.GetString(3)}, max_connections {reader.GetString(4)}; on 127.0.0.1 (TCP)
            """));
    }

    private static string FileBytesPerUser(string root, int users)
    {
        var found = Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Select(path => new FileInfo(path)).ToArray();
        var byName = found.GroupBy(file => file.Name).Select(group => string.Create(CultureInfo.InvariantCulture, $"{group.Key} x{group.Count()} avg {group.Average(file => file.Length):F0} B"));
        return string.Create(CultureInfo.InvariantCulture, $"{(double)found.Sum(file => file.Length) / users:F0} bytes in {(double)found.Length / users:F1} files ({users} users connected through the platform, a model list fetched for one): {string.Join("; ", byName)}");
    }
}
