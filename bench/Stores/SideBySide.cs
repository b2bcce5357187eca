using System.Diagnostics;
using System.Globalization;

namespace XaiGrok.Onboarding.Bench.Stores;

/// <summary>
/// One operation timed on both stores in one loop: the order alternates every round (files first, then PostgreSQL
/// first), so the machine's drift lands on both alike.
/// </summary>
internal static class SideBySide
{
    public static async Task<(Latencies Files, Latencies PostgreSql)> TimeAsync(int rounds, Func<StoreKind, int, Task> operation, int warmup = 50)
    {
        for (var i = 0; i < warmup; i++)
        {
            await operation(StoreKind.Files, i);
            await operation(StoreKind.PostgreSql, i);
        }

        var files = new Latencies();
        var postgres = new Latencies();
        for (var i = 0; i < rounds; i++)
        {
            var first = i % 2 == 0 ? StoreKind.Files : StoreKind.PostgreSql;
            foreach (var kind in new[] { first, first == StoreKind.Files ? StoreKind.PostgreSql : StoreKind.Files })
            {
                await (kind == StoreKind.Files ? files : postgres).TimeAsync(() => operation(kind, i));
            }
        }

        return (files, postgres);
    }

    /// <summary>
    /// <paramref name="workers"/> concurrent loops, each on its own user, sharing <paramref name="total"/> operations;
    /// the latency of each and the throughput of all.
    /// </summary>
    public static async Task<(Latencies Latencies, double PerSecond)> ConcurrentAsync(int workers, int total, Func<int, Task> operation)
    {
        var latencies = new Latencies();
        var next = -1;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, workers).Select(worker => Task.Run(async () =>
        {
            while (Interlocked.Increment(ref next) < total)
            {
                await latencies.TimeAsync(() => operation(worker));
            }
        })));
        return (latencies, total / watch.Elapsed.TotalSeconds);
    }

    public static string Row(string label, Latencies files, Latencies postgres) => string.Create(CultureInfo.InvariantCulture,
        $"  {label,-58} files p50 {Latencies.Ms(files.P50),7} p99 {Latencies.Ms(files.P99),7} | postgresql p50 {Latencies.Ms(postgres.P50),7} p99 {Latencies.Ms(postgres.P99),7} | pg/files p50 {postgres.P50 / files.P50:F1}x p99 {postgres.P99 / files.P99:F1}x  (ms, n={files.Count}+{postgres.Count})");
}
