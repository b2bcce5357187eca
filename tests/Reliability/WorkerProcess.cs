using System.Diagnostics;
using XaiGrok.Onboarding.Tests.Support;

namespace XaiGrok.Onboarding.Tests.Reliability;

/// <summary>The reliability worker (tests/Reliability.Worker) as a process, with the CLI's environment clean-up.</summary>
internal static class WorkerProcess
{
    private static readonly Lazy<string> BuiltDll = new(() =>
        CliRunner.BuildOutput(Path.Combine("tests", "Reliability.Worker"), "XaiGrok.Onboarding.Reliability.Worker.dll"));

    public static string Dll => BuiltDll.Value;

    public static Process Start(IReadOnlyDictionary<string, string> environment, params string[] args) =>
        Process.Start(CliRunner.DotnetStartInfo(Dll, environment, args)) ?? throw new InvalidOperationException("could not start the worker");

    /// <summary>Starts it and drains stderr (a full pipe would stall it); the caller reads stdout.</summary>
    public static (Process Process, Task<string> Stderr) StartDraining(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var process = Start(environment, args);
        return (process, process.StandardError.ReadToEndAsync(Figures.Ct));
    }

    /// <summary>The worker's next line, or a TimeoutException after 60 s (a worker that says nothing must not hang the run).</summary>
    public static async Task<string?> ReadLineAsync(Process worker)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Figures.Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        try
        {
            return await worker.StandardOutput.ReadLineAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (!Figures.Ct.IsCancellationRequested)
        {
            throw new TimeoutException("the worker said nothing for 60 s");
        }
    }
}
