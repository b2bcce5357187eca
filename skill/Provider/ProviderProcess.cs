using System.Diagnostics;
using System.Text;

namespace XaiGrok.Onboarding.Provider;

/// <summary>
/// Runs the provider command as the Grok CLI does: <c>sh -c "&lt;command&gt;"</c>, no stdin, stdout is the token,
/// stderr is for the person. It runs in a session of its own (<c>setsid</c>) so that on a timeout, or when it exits
/// leaving a grandchild that holds stdout open, the whole process group is killed and nothing hangs.
/// </summary>
internal static class ProviderProcess
{
    public const int MaxStdoutBytes = 64 * 1024;
    private const int MaxStderrLines = 50;
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
            var stdout = ReadCappedAsync(process.StandardOutput.BaseStream);
            var stderr = ReadLinesAsync(process.StandardError);
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

            var output = await WithGrace(stdout, (Bytes: Array.Empty<byte>(), TooLarge: false), clock).ConfigureAwait(false);
            var lines = await WithGrace(stderr, (IReadOnlyList<string>)[], clock).ConfigureAwait(false);
            int? exitCode = process.HasExited ? process.ExitCode : null;
            return new ProviderRun(timedOut ? null : exitCode, Encoding.UTF8.GetString(output.Bytes), lines, timedOut, output.TooLarge, null);
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

    private static async Task<T> WithGrace<T>(Task<T> read, T fallback, TimeProvider clock)
    {
        var done = await Task.WhenAny(read, Task.Delay(DrainGrace, clock)).ConfigureAwait(false);
        return done == read ? await read.ConfigureAwait(false) : fallback;
    }

    // Keeps reading past the cap (discarding), so a chatty provider never blocks on a full pipe.
    private static async Task<(byte[] Bytes, bool TooLarge)> ReadCappedAsync(Stream stream)
    {
        var kept = new MemoryStream();
        var buffer = new byte[8192];
        var tooLarge = false;
        int read;
        while ((read = await stream.ReadAsync(buffer).ConfigureAwait(false)) > 0)
        {
            var room = MaxStdoutBytes - (int)kept.Length;
            if (read > room)
            {
                tooLarge = true;
            }

            kept.Write(buffer, 0, Math.Max(0, Math.Min(read, room)));
        }

        return (kept.ToArray(), tooLarge);
    }

    private static async Task<IReadOnlyList<string>> ReadLinesAsync(StreamReader reader)
    {
        var lines = new List<string>();
        while (await reader.ReadLineAsync().ConfigureAwait(false) is { } line)
        {
            if (lines.Count < MaxStderrLines && line.Length > 0)
            {
                lines.Add(new string(line.Where(c => !char.IsControl(c)).Take(500).ToArray()));
            }
        }

        return lines;
    }
}
