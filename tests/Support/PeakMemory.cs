using System.Diagnostics;
using System.Globalization;

namespace XaiGrok.Onboarding.Tests.Support;

/// <summary>
/// Runs a process to its end and reports its peak resident memory: the kernel's high-water mark (<c>VmHWM</c> in
/// <c>/proc/PID/status</c>), read every few milliseconds while the process lives. The mark only grows, so the last
/// reading before the exit is the peak, less at most what the last few milliseconds added.
/// </summary>
public static class PeakMemory
{
    public static async Task<(CliRun Run, long PeakKiB)> RunAsync(ProcessStartInfo start, string? stdin = null, TimeSpan? timeout = null, long killAboveKiB = 2L * 1024 * 1024)
    {
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start " + start.FileName);
        var statusFile = $"/proc/{process.Id}/status";
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (start.RedirectStandardInput)
        {
            await process.StandardInput.WriteAsync(stdin ?? "");
            process.StandardInput.Close();
        }

        long peak = 0;
        var limit = Stopwatch.StartNew();
        var budget = timeout ?? TimeSpan.FromSeconds(120);
        while (!process.HasExited)
        {
            peak = Math.Max(peak, ReadHighWaterMark(statusFile));
            if (peak > killAboveKiB)
            {
                // An unbounded process is stopped before it takes the machine's memory: the peak already says enough.
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
                return (new CliRun(process.ExitCode, "", $"killed: peak RSS passed {killAboveKiB / 1024} MiB"), peak);
            }

            if (limit.Elapsed > budget)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"{start.FileName} did not exit within {budget.TotalSeconds:0} s; peak so far {peak / 1024} MiB");
            }

            await Task.Delay(5);
        }

        await process.WaitForExitAsync();
        return (new CliRun(process.ExitCode, await stdout, await stderr), peak);
    }

    private static long ReadHighWaterMark(string statusFile)
    {
        try
        {
            foreach (var line in File.ReadLines(statusFile))
            {
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    return long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Gone between the check and the read: the last reading stands.
        }

        return 0;
    }
}
