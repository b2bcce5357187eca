using System.Diagnostics;
using System.Globalization;

namespace XaiGrok.Onboarding.Bench;

/// <summary>
/// The chat-overhead target as one number: N requests each way, interleaved (module, bare, bare, module, ...) so
/// that a noisy neighbour slows both alike, after a warm-up; the ratio of the medians.
/// </summary>
internal static class ChatRatio
{
    public const double Target = 1.05;

    public static async Task<int> RunAsync(int count)
    {
        await using var rig = await ChatRig.StartAsync();
        for (var i = 0; i < 50; i++)
        {
            await rig.ModuleChatAsync();
            await rig.BareChatAsync();
        }

        var module = new double[count];
        var bare = new double[count];
        for (var i = 0; i < count; i++)
        {
            if (i % 2 == 0)
            {
                module[i] = await TimeAsync(rig.ModuleChatAsync);
                bare[i] = await TimeAsync(rig.BareChatAsync);
            }
            else
            {
                bare[i] = await TimeAsync(rig.BareChatAsync);
                module[i] = await TimeAsync(rig.ModuleChatAsync);
            }
        }

        // One part of the difference, timed alone: the module reads auth.json before each request (hot reload).
        var store = rig.Store;
        var reads = new double[count];
        for (var i = 0; i < count; i++)
        {
            reads[i] = await TimeAsync(() => Task.FromResult(store.Read()));
        }

        var (m, b) = (Median(module), Median(bare));
        var ratio = m / b;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"chat overhead: module {m:F3} ms, bare HttpClient {b:F3} ms (median of {count} each) -> {ratio:F3}x (target <= {Target:F2}x) {(ratio <= Target ? "PASS" : "FAIL")}; of the difference, reading auth.json takes {Median(reads):F3} ms"));
        return 0;
    }

    private static async Task<double> TimeAsync<T>(Func<Task<T>> call)
    {
        var start = Stopwatch.GetTimestamp();
        await call();
        return Stopwatch.GetElapsedTime(start).TotalMilliseconds;
    }

    private static double Median(double[] values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
