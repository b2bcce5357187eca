using System.Diagnostics;
using System.Text;

namespace XaiGrok.Onboarding.Provider;

/// <summary>
/// Runs the provider command as the Grok CLI does: <c>sh -c "&lt;command&gt;"</c>, no stdin, stdout is the token,
/// stderr is for the person. It runs in a session of its own (<c>setsid</c>) so that on a timeout, or when it exits
/// leaving a grandchild that holds stdout open, the whole process group is killed and nothing hangs. A grandchild
/// that left the group (its own <c>setsid</c>) cannot be killed that way: once the provider itself has exited, its
/// pipes are read only for a short grace, and what they held by then is its output. Both pipes keep 64 KiB at most.
/// </summary>
internal static class ProviderProcess
{
    public const int MaxStdoutBytes = 64 * 1024;
    private const int MaxStderrBytes = 64 * 1024;
    private const int MaxStderrLines = 50;

    // How long the pipes are still read after the provider exited: what it wrote is in them already. A detached
    // grandchild may hold them open for good, so their end is not waited for longer than this.
    private static readonly TimeSpan DrainGrace = TimeSpan.FromMilliseconds(500);

    public static async Task<ProviderRun> RunAsync(string command, bool expired, TimeSpan timeout, TimeProvider clock, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(File.Exists("/usr/bin/setsid") ? "/usr/bin/setsid" : "/bin/sh")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (start.FileName.EndsWith("setsid", StringComparison.Ordinal))
        {
            start.ArgumentList.Add("/bin/sh");
        }

        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(command);
        start.Environment[Config.EnvironmentVariables.ProviderExpired] = expired ? "1" : "0";

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException();
        }
        catch (Exception exception) when (exception is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return new ProviderRun(null, "", [], false, false, "the shell could not be started");
        }

        using (process)
        {
            process.StandardInput.Close();
            using var stdout = new CappedPipe(process.StandardOutput.BaseStream, MaxStdoutBytes);
            using var stderr = new CappedPipe(process.StandardError.BaseStream, MaxStderrBytes);
            var timedOut = false;
            using (var deadline = new CancellationTokenSource(timeout, clock))
            using (var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token))
            {
                try
                {
                    await process.WaitForExitAsync(limit.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    timedOut = !cancellationToken.IsCancellationRequested;
                }
            }

            // Whether it finished or not: nothing of its group may outlive it holding our pipes.
            KillGroup(process);
            if (cancellationToken.IsCancellationRequested)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            await Task.WhenAny(Task.WhenAll(stdout.Drained, stderr.Drained), Task.Delay(DrainGrace, clock)).ConfigureAwait(false);
            var output = stdout.Snapshot();
            int? exitCode = process.HasExited ? process.ExitCode : null;
            return new ProviderRun(timedOut ? null : exitCode, Encoding.UTF8.GetString(output.Bytes), Lines(stderr.Snapshot().Bytes), timedOut, output.Overflowed, null);
        }
    }

    private static void KillGroup(Process process)
    {
        try
        {
            // setsid made the shell the leader of a new process group whose id is its pid.
            using var kill = Process.Start(new ProcessStartInfo("/bin/kill", ["-KILL", "--", "-" + process.Id]) { UseShellExecute = false, RedirectStandardError = true });
            kill?.WaitForExit(2000);
        }
        catch (System.ComponentModel.Win32Exception)
        {
        }

        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
        }
    }

    private static IReadOnlyList<string> Lines(byte[] stderr) =>
        [.. Encoding.UTF8.GetString(stderr)
            .Split(['\n', '\r'], StringSplitOptions.RemoveEmptyEntries)
            .Select(line => new string(line.Where(c => !char.IsControl(c)).Take(500).ToArray()))
            .Where(line => line.Length > 0)
            .Take(MaxStderrLines)];
}
