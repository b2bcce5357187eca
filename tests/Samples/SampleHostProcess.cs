using System.Diagnostics;
using System.Text.RegularExpressions;
using XaiGrok.Onboarding.Tests.Support;

namespace XaiGrok.Onboarding.Tests.Samples;

/// <summary>
/// samples/PlatformHost's build output as a real process on a free loopback port (port 0: the host binds one and prints
/// it, so no other process can take it between choice and bind), with everything it prints kept for the secret scans.
/// One starter for the one-host rig and the replicas of the fleet test.
/// </summary>
internal static partial class SampleHostProcess
{
    private static readonly TimeSpan StartBound = TimeSpan.FromSeconds(90);

    /// <summary>Starts a host and returns once it listens; <paramref name="name"/> names it in a failure.</summary>
    /// <exception cref="InvalidOperationException">It exited or did not listen within 90 s (with what it printed).</exception>
    public static async Task<(Process Process, Uri Address)> StartAsync(IReadOnlyDictionary<string, string> environment, string workingDirectory, PrintedLines printed, string name, CancellationToken cancellationToken)
    {
        var dll = CliRunner.BuildOutput(Path.Combine("samples", "PlatformHost"), "PlatformHost.dll");
        var start = CliRunner.DotnetStartInfo(dll, environment, "--urls", "http://127.0.0.1:0");
        start.WorkingDirectory = workingDirectory;
        var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {name}");
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, line) => Read(line.Data);
        process.ErrorDataReceived += (_, line) => Read(line.Data);
        process.Exited += (_, _) => listening.TrySetException(new InvalidOperationException($"{name} exited before it listened"));
        process.EnableRaisingEvents = true;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            return (process, await listening.Task.WaitAsync(StartBound, cancellationToken));
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException)
        {
            Kill(process);
            process.Dispose();
            throw new InvalidOperationException($"{name} did not start ({e.Message}); it printed:\n{printed.Text}", e);
        }

        void Read(string? line)
        {
            if (line is null)
            {
                return;
            }

            printed.Add(line);
            if (ListeningLine().Match(line) is { Success: true } match)
            {
                listening.TrySetResult(new Uri(match.Groups[1].Value + "/"));
            }
        }
    }

    /// <summary>SIGKILL (Process.Kill on Linux): no shutdown, no flush; waits for the process to be gone.</summary>
    public static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(TimeSpan.FromSeconds(30));
        }
        catch (InvalidOperationException)
        {
            // It had exited already.
        }
    }

    [GeneratedRegex(@"Now listening on: (http://127\.0\.0\.1:\d+)")]
    private static partial Regex ListeningLine();
}
