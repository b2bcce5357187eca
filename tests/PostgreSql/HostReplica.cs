using System.Diagnostics;
using XaiGrok.Onboarding.Tests.Samples;
using XaiGrok.Onboarding.Tests.Support;

namespace XaiGrok.Onboarding.Tests.PostgreSql;

/// <summary>
/// One replica of samples/PlatformHost: its build output as a real process on a free loopback port, with a state folder of
/// its own (its machine). It can be SIGKILLed and started again on the same folder, as a crashed pod is; each start is a
/// new <see cref="Generation"/>, so a call can tell whether the process it was sent to died under it.
/// </summary>
internal sealed class HostReplica : IAsyncDisposable
{
    private readonly IReadOnlyDictionary<string, string> environment;
    private readonly TestHome home = new();
    private readonly PrintedLines printed = new();
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
    public string Printed => printed.Text;

    /// <summary>Starts a process on the replica's folder and returns once it listens (the host prints its port).</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        (process, address) = await SampleHostProcess.StartAsync(environment, home.Parent, printed, $"replica {Number}", cancellationToken);
        Interlocked.Increment(ref generation);
    }

    /// <summary>SIGKILL (Process.Kill on Linux): no shutdown, no flush, its connections cut by the kernel.</summary>
    public void Kill()
    {
        address = null;
        if (process is { } running)
        {
            SampleHostProcess.Kill(running);
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
}
