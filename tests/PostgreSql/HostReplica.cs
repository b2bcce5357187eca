using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using XaiGrok.Onboarding.Tests.Support;

namespace XaiGrok.Onboarding.Tests.PostgreSql;

/// <summary>
/// One replica of samples/PlatformHost: its build output as a real process on a free loopback port, with a state folder of
/// its own (its machine). It can be SIGKILLed and started again on the same folder, as a crashed pod is; each start is a
/// new <see cref="Generation"/>, so a call can tell whether the process it was sent to died under it.
/// </summary>
internal sealed partial class HostReplica : IAsyncDisposable
{
    private static readonly TimeSpan StartBound = TimeSpan.FromSeconds(90);
    private readonly IReadOnlyDictionary<string, string> environment;
    private readonly TestHome home = new();
    private readonly StringBuilder printed = new();
    private readonly Lock gate = new();
    private Process? process;
    private volatile Uri? address;
    private int generation;

    public HostReplica(int number, IReadOnlyDictionary<string, string> sharedEnvironment)
    {
        Number = number;
        environment = new Dictionary<string, string>(sharedEnvironment, StringComparer.Ordinal) { ["Grok__StateRoot"] = home.Path };
    }

    public int Number { get; }

    /// <summary>Where it listens now, or null while it is down (killed, not yet started again).</summary>
    public Uri? Address => address;

    /// <summary>1 for the first process, one more for each start after a kill.</summary>
    public int Generation => Volatile.Read(ref generation);

    /// <summary>Everything every process of this replica printed (its log), for the secret scan.</summary>
    public string Printed
    {
        get
        {
            lock (gate)
            {
                return printed.ToString();
            }
        }
    }

    /// <summary>Starts a process on the replica's folder and returns once it listens (the host prints its port).</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var dll = CliRunner.BuildOutput(Path.Combine("samples", "PlatformHost"), "PlatformHost.dll");
        var start = CliRunner.DotnetStartInfo(dll, environment, "--urls", "http://127.0.0.1:0");
        start.WorkingDirectory = home.Parent;
        var started = Process.Start(start) ?? throw new InvalidOperationException("could not start the sample host");
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        started.OutputDataReceived += (_, line) => Read(line.Data);
        started.ErrorDataReceived += (_, line) => Read(line.Data);
        started.Exited += (_, _) => listening.TrySetException(new InvalidOperationException($"replica {Number} exited before it listened"));
        started.EnableRaisingEvents = true;
        started.BeginOutputReadLine();
        started.BeginErrorReadLine();
        process = started;
        try
        {
            address = await listening.Task.WaitAsync(StartBound, cancellationToken);
            Interlocked.Increment(ref generation);
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException)
        {
            Stop(started);
            throw new InvalidOperationException($"replica {Number} did not start ({e.Message}); it printed:\n{Printed}", e);
        }

        void Read(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (gate)
            {
                printed.AppendLine(line);
            }

            if (ListeningLine().Match(line) is { Success: true } match)
            {
                listening.TrySetResult(new Uri(match.Groups[1].Value + "/"));
            }
        }
    }

    /// <summary>SIGKILL (Process.Kill on Linux): no shutdown, no flush, its connections cut by the kernel.</summary>
    public void Kill()
    {
        address = null;
        if (process is { } running)
        {
            Stop(running);
            running.Dispose();
            process = null;
        }
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        process?.Dispose();
        home.Dispose();
        return ValueTask.CompletedTask;
    }

    private static void Stop(Process running)
    {
        try
        {
            running.Kill(entireProcessTree: true);
            running.WaitForExit(TimeSpan.FromSeconds(30));
        }
        catch (InvalidOperationException)
        {
            // It had exited already.
        }
    }

    [GeneratedRegex(@"Now listening on: (http://127\.0\.0\.1:\d+)")]
    private static partial Regex ListeningLine();
}
