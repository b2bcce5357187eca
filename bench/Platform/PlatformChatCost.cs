using System.Diagnostics;
using System.Globalization;

namespace XaiGrok.Onboarding.Bench.Platform;

/// <summary>
/// The per-call chat target as two numbers measured side by side: CPU time and bytes allocated by this process per
/// <c>GrokPlatform.ForUser(id).ChatAsync</c> against the bare HttpClient + System.Text.Json call. The emulator runs in
/// a child process, so both figures are the client's alone. Blocks of calls alternate (platform, bare, bare,
/// platform, ...) so that a noisy neighbour weighs on both alike; the figure is the median over the blocks.
/// </summary>
internal static class PlatformChatCost
{
    public const double Target = 1.2;

    public static async Task<int> RunAsync(int rounds, int perBlock)
    {
        await using var rig = await PlatformChatRig.StartAsync();
        Func<Task> platform = async () => await rig.PlatformChatAsync();
        Func<Task> bare = async () => await rig.BareChatAsync();
        for (var i = 0; i < 300; i++)
        {
            await platform();
            await bare();
        }

        var (platformCpu, platformBytes, bareCpu, bareBytes) = (new double[rounds], new double[rounds], new double[rounds], new double[rounds]);
        for (var round = 0; round < rounds; round++)
        {
            if (round % 2 == 0)
            {
                (platformCpu[round], platformBytes[round]) = await BlockAsync(platform, perBlock);
                (bareCpu[round], bareBytes[round]) = await BlockAsync(bare, perBlock);
            }
            else
            {
                (bareCpu[round], bareBytes[round]) = await BlockAsync(bare, perBlock);
                (platformCpu[round], platformBytes[round]) = await BlockAsync(platform, perBlock);
            }
        }

        var cpu = Median(platformCpu) / Median(bareCpu);
        var bytes = Median(platformBytes) / Median(bareBytes);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"per ChatAsync call, {rounds} blocks of {perBlock} each way: CPU platform {Median(platformCpu):F1} us, bare {Median(bareCpu):F1} us -> {cpu:F2}x (target <= {Target:F1}x) {Verdict(cpu)}; allocated platform {Median(platformBytes) / 1024:F2} KB, bare {Median(bareBytes) / 1024:F2} KB -> {bytes:F2}x (target <= {Target:F1}x) {Verdict(bytes)}"));
        return 0;
    }

    private static string Verdict(double ratio) => ratio <= Target ? "PASS" : "FAIL";

    /// <summary>CPU microseconds and bytes allocated per call, over one block of calls.</summary>
    private static async Task<(double CpuMicros, double Bytes)> BlockAsync(Func<Task> call, int count)
    {
        using var self = Process.GetCurrentProcess();
        self.Refresh();
        var cpuBefore = self.TotalProcessorTime;
        var bytesBefore = GC.GetTotalAllocatedBytes(precise: true);
        for (var i = 0; i < count; i++)
        {
            await call();
        }

        var bytes = GC.GetTotalAllocatedBytes(precise: true) - bytesBefore;
        self.Refresh();
        var cpu = self.TotalProcessorTime - cpuBefore;
        return (cpu.TotalMicroseconds / count, (double)bytes / count);
    }

    private static double Median(double[] values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
