using System.Diagnostics;
using System.Globalization;

namespace XaiGrok.Onboarding.Bench.Stores;

/// <summary>Timed samples of one operation on one store: p50 and p99 (nearest rank), in milliseconds.</summary>
internal sealed class Latencies
{
    private readonly List<long> ticks = [];
    private readonly Lock gate = new();

    public int Count => ticks.Count;

    public double P50 => Percentile(0.50);

    public double P99 => Percentile(0.99);

    public async Task TimeAsync(Func<Task> operation)
    {
        var started = Stopwatch.GetTimestamp();
        await operation();
        Add(Stopwatch.GetTimestamp() - started);
    }

    public void Add(long elapsedTicks)
    {
        lock (gate)
        {
            ticks.Add(elapsedTicks);
        }
    }

    public double Percentile(double rank)
    {
        lock (gate)
        {
            if (ticks.Count == 0)
            {
                return double.NaN;
            }

            ticks.Sort();
            var index = Math.Clamp((int)Math.Ceiling(rank * ticks.Count) - 1, 0, ticks.Count - 1);
            return ticks[index] * 1000.0 / Stopwatch.Frequency;
        }
    }

    public static string Ms(double value) => value.ToString(value < 10 ? "0.000" : "0.0", CultureInfo.InvariantCulture);
}
