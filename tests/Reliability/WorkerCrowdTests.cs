using System.Diagnostics;
using System.Globalization;
using System.Runtime.Versioning;
using System.Text.Json;
using XaiGrok.Onboarding.Reliability.Worker;
using XaiGrok.Onboarding.Tests.Cli;
using XaiGrok.Onboarding.Tests.Support;
using Xunit;

namespace XaiGrok.Onboarding.Tests.Reliability;

/// <summary>
/// Crowds of long-lived worker processes on one state folder, driven in step by the test: rounds of <c>status</c> with
/// an expired token (one refresh a round), and holders of the real credential lock (no two at once).
/// </summary>
[Collection(ProcessCollection.Name)]
[Trait("Category", "Reliability")]
[SupportedOSPlatform("linux")]
public sealed class WorkerCrowdTests
{
    private const int Processes = 32;
    private const int Rounds = 10;
    private const int LockHolders = 4;
    private const int HoldsEach = 2;
    private const int HoldMilliseconds = 100;

    [Fact]
    public async Task Status_In32ProcessesOver10RoundsOfExpiry_RefreshesOncePerRound_AndKeepsTheNewestRefreshToken()
    {
        await using var cli = await CliHarness.StartAsync();
        await cli.ConnectAsync();
        var workers = await StartReadyAsync(Processes, cli.Environment, WorkerProtocol.RoundsVerb);
        var started = Stopwatch.StartNew();
        var refreshTokens = new HashSet<string>(StringComparer.Ordinal) { Figures.ReadString(cli.Home.AuthFile, "refresh_token")! };
        var roundTimes = new List<double>();
        int[] exitCodes;
        try
        {
            for (var round = 1; round <= Rounds; round++)
            {
                await Figures.ExpireStoredTokenAsync(cli.Home.Path);
                var before = cli.Control.Count("grant:refresh_token");
                var line = string.Create(CultureInfo.InvariantCulture, $"{WorkerProtocol.Round} {round}");
                var roundTime = Stopwatch.StartNew();

                // Every worker gets its line before any answer is read: they run the round together.
                foreach (var (worker, _) in workers)
                {
                    await worker.StandardInput.WriteLineAsync(line.AsMemory(), Figures.Ct);
                    await worker.StandardInput.FlushAsync(Figures.Ct);
                }

                var answers = await Task.WhenAll(workers.Select(w => WorkerProcess.ReadLineAsync(w.Process)));
                roundTimes.Add(roundTime.Elapsed.TotalSeconds);
                cli.Record(new CliRun(0, string.Join('\n', answers), ""));
                foreach (var answer in answers)
                {
                    Assert.True(answer?.StartsWith(line + " ", StringComparison.Ordinal) == true, $"round {round}: {answer}");
                    using var status = JsonDocument.Parse(answer[(line.Length + 1)..]);
                    Assert.True(status.RootElement.GetProperty("ok").GetBoolean() && status.RootElement.GetProperty("connected").GetBoolean(), $"round {round}: {answer}");
                }

                var refreshes = cli.Control.Count("grant:refresh_token") - before;
                Assert.True(refreshes == 1, $"round {round}: {refreshes} refresh requests for {Processes} processes");
                Assert.Equal(0, cli.Control.RefreshTokenReuseCount);
                Assert.Null(Figures.ReadString(cli.Home.AuthFile, "reauth_reason")); // no invalid_grant reached the file

                // One refresh this round, and auth.json holds the refresh token the emulator issued last (its grant's live one).
                var stored = Figures.ReadString(cli.Home.AuthFile, "refresh_token")!;
                Assert.True(refreshTokens.Add(stored), $"round {round}: auth.json kept an old refresh token");
                Assert.True(cli.Control.LiveRefreshTokens.Contains(stored), $"round {round}: auth.json does not hold the grant's live refresh token");
            }
        }
        finally
        {
            exitCodes = await StopAllAsync(cli, workers);
        }

        Assert.All(exitCodes, code => Assert.Equal(0, code));
        var elapsed = started.Elapsed;

        // The refresh token left by the last round is the live one: using it works, and nothing was reused.
        var last = await cli.RunAsync("refresh");
        Assert.True(last.ExitCode == 0, last.ToString());
        Assert.Equal(0, cli.Control.RefreshTokenReuseCount);
        cli.AssertNoSecretsLeaked();
        Figures.Report(string.Create(CultureInfo.InvariantCulture,
            $"cross-process refresh (workers): {Processes} long-lived processes x {Rounds} rounds = {Processes * Rounds} status calls, token expired before each round; " +
            $"{Rounds} refresh requests (1 a round) + 1 final CLI refresh; reuse count 0; every process exit 0; " +
            $"rounds {roundTimes[0]:0.00} s (cold) then {roundTimes.Skip(1).Average():0.00} s on average; {elapsed.TotalSeconds:0.0} s in all"));
    }

    [Fact]
    public async Task CredentialLock_FourProcessesHoldingIt100ms_NeverOverlap()
    {
        using var home = new TestHome();
        Directory.CreateDirectory(home.Path);
        var lockFile = Path.Combine(home.Path, "auth.lock");
        var hold = HoldMilliseconds.ToString(CultureInfo.InvariantCulture);
        var workers = await StartReadyAsync(LockHolders, new Dictionary<string, string>(), WorkerProtocol.HoldLockVerb, lockFile, hold, HoldsEach.ToString(CultureInfo.InvariantCulture));
        var holds = new List<(int Worker, long Enter, long Leave)>();
        int[] exitCodes;
        try
        {
            foreach (var (worker, _) in workers)
            {
                await worker.StandardInput.WriteLineAsync(WorkerProtocol.Go.AsMemory(), Figures.Ct);
                await worker.StandardInput.FlushAsync(Figures.Ct);
            }

            var outputs = await Task.WhenAll(workers.Select(w => w.Process.StandardOutput.ReadToEndAsync(Figures.Ct)));
            for (var i = 0; i < outputs.Length; i++)
            {
                var lines = outputs[i].Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line.Split(' ')).ToArray();
                Assert.True(lines.Length == 2 * HoldsEach, $"worker {i}: {outputs[i]}");
                for (var h = 0; h < lines.Length; h += 2)
                {
                    Assert.Equal([WorkerProtocol.Enter, WorkerProtocol.Leave], new[] { lines[h][0], lines[h + 1][0] });
                    holds.Add((i, long.Parse(lines[h][1], CultureInfo.InvariantCulture), long.Parse(lines[h + 1][1], CultureInfo.InvariantCulture)));
                }
            }
        }
        finally
        {
            exitCodes = await StopAllAsync(null, workers);
        }

        Assert.All(exitCodes, code => Assert.Equal(0, code));
        var ordered = holds.OrderBy(h => h.Enter).ToList();
        for (var i = 1; i < ordered.Count; i++)
        {
            Assert.True(ordered[i].Enter >= ordered[i - 1].Leave, $"holds overlapped: {string.Join(", ", ordered)}");
        }

        // The delay runs on the monotonic clock and the stamps on the wall clock: allow them to disagree by a few ms.
        var shortest = TimeSpan.FromMilliseconds(HoldMilliseconds - 5).Ticks;
        Assert.All(ordered, h => Assert.True(h.Leave - h.Enter >= shortest, $"a hold was shorter than {HoldMilliseconds} ms"));
        var handovers = ordered.Zip(ordered.Skip(1)).Count(pair => pair.First.Worker != pair.Second.Worker);
        var gaps = ordered.Zip(ordered.Skip(1)).Select(pair => TimeSpan.FromTicks(pair.Second.Enter - pair.First.Leave).TotalMilliseconds).ToList();
        Figures.Report(string.Create(CultureInfo.InvariantCulture,
            $"lock interleave (workers): {LockHolders} processes x {HoldsEach} holds of {HoldMilliseconds} ms on the real CrossProcessLock: no overlap; " +
            $"{handovers} hand-overs between processes; gap between holds {gaps.Min():0.0}-{gaps.Max():0.0} ms; span {TimeSpan.FromTicks(ordered[^1].Leave - ordered[0].Enter).TotalMilliseconds:0} ms"));
    }

    /// <summary>Starts <paramref name="count"/> workers at once and waits until each has said "ready".</summary>
    private static async Task<(Process Process, Task<string> Stderr)[]> StartReadyAsync(int count, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var workers = Enumerable.Range(0, count).Select(_ => WorkerProcess.StartDraining(environment, args)).ToArray();
        var ready = await Task.WhenAll(workers.Select(w => WorkerProcess.ReadLineAsync(w.Process)));
        Assert.All(ready, line => Assert.Equal(WorkerProtocol.Ready, line));
        return workers;
    }

    /// <summary>Closes every worker's stdin (its signal to finish), waits for all, records what they printed; their exit codes.</summary>
    private static async Task<int[]> StopAllAsync(CliHarness? cli, (Process Process, Task<string> Stderr)[] workers)
    {
        var exitCodes = new int[workers.Length];
        foreach (var (worker, _) in workers)
        {
            worker.StandardInput.Close();
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Figures.Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        for (var i = 0; i < workers.Length; i++)
        {
            var (worker, stderr) = workers[i];
            try
            {
                await worker.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                worker.Kill();
                throw;
            }

            var rest = await worker.StandardOutput.ReadToEndAsync(Figures.Ct);
            exitCodes[i] = worker.ExitCode;
            cli?.Record(new CliRun(worker.ExitCode, rest, await stderr));
            worker.Dispose();
        }

        return exitCodes;
    }
}
