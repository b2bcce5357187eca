using System.Diagnostics;
using System.Globalization;
using System.Runtime.Versioning;
using XaiGrok.Emulator;
using XaiGrok.Onboarding.Tests.Cli;
using XaiGrok.Onboarding.Tests.Support;
using Xunit;

namespace XaiGrok.Onboarding.Tests.Reliability;

/// <summary>The tests that start many real processes share the two cores one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class ProcessCollection
{
    public const string Name = "Reliability processes";
}

/// <summary>
/// Many CLI processes against one state folder: one refresh per expiry, a lock that serialises holders and survives
/// a holder killed with SIGKILL, one model-list fetch for a crowd on a cold cache.
/// </summary>
[Collection(ProcessCollection.Name)]
[Trait("Category", "Reliability")]
[SupportedOSPlatform("linux")]
public sealed class CrossProcessTests
{
    // The real CLI path; the bigger crowd (32 processes x 10 rounds) is WorkerCrowdTests, with long-lived workers.
    private const int Processes = 8;
    private const int Rounds = 2;

    [Fact]
    public async Task Status_InManyProcessesWithAnExpiredToken_RefreshesOncePerRound_AndTheSessionSurvives()
    {
        await using var cli = await CliHarness.StartAsync();
        await cli.ConnectAsync();
        var started = Stopwatch.StartNew();
        var refreshesSeen = 0;

        for (var round = 1; round <= Rounds; round++)
        {
            // Expired (not merely due): a process that reads the file after the winner wrote sees a fresh token, one
            // that read before adopts the winner's token under the lock. Either way: one refresh a round.
            await Figures.ExpireStoredTokenAsync(cli.Home.Path);
            var beforeCount = cli.Control.Count("grant:refresh_token");
            var beforeRefreshToken = Figures.ReadString(cli.Home.AuthFile, "refresh_token");

            var runs = await cli.RunTogetherAsync(Processes, "status");

            foreach (var run in runs)
            {
                Assert.True(run.ExitCode == 0, $"round {round}: {run}");
                Assert.True(CliHarness.AssertOneJsonObject(run).GetProperty("connected").GetBoolean(), $"round {round}: {run}");
            }

            var refreshes = cli.Control.Count("grant:refresh_token") - beforeCount;
            refreshesSeen += refreshes;
            Assert.True(refreshes == 1, $"round {round}: {refreshes} refresh requests for {Processes} processes");
            Assert.Equal(0, cli.Control.RefreshTokenReuseCount);
            Assert.NotEqual(beforeRefreshToken, Figures.ReadString(cli.Home.AuthFile, "refresh_token"));
        }

        // The refresh token left by the last round works.
        var last = await cli.RunAsync("refresh");
        Assert.True(last.ExitCode == 0, last.ToString());
        Assert.Equal(0, cli.Control.RefreshTokenReuseCount);
        cli.AssertNoSecretsLeaked();
        Figures.Report($"cross-process refresh: {Processes} processes x {Rounds} rounds = {Processes * Rounds} status runs, " +
            $"{refreshesSeen} refresh requests (+1 final check), reuse count {cli.Control.RefreshTokenReuseCount}, {started.Elapsed.TotalSeconds:0.0} s");
    }

    [Fact]
    public async Task CredentialLock_FourHoldersOfAbout100ms_NeverOverlap()
    {
        await using var cli = await CliHarness.StartAsync();
        await cli.ConnectAsync();
        var lockFile = Path.Combine(cli.Home.Path, "auth.lock");
        Assert.True(File.Exists(lockFile));
        var log = Path.Combine(cli.Home.Parent, "holds.log");

        // The CLI's refresh request is held 100 ms at the emulator, so its hold of the lock lasts at least that long.
        cli.Control.AddFault(new EmulatorFault("/oauth2/token") { DelayMilliseconds = 100 });
        var clock = TimeProvider.System;
        var holders = Enumerable.Range(0, 3).Select(i => StartShell(
            "exec 9<>\"$1\"; flock 9; echo \"$2 $(date +%s%N)\" >> \"$3\"; sleep 0.1; echo \"$2 $(date +%s%N)\" >> \"$3\"",
            lockFile, "holder" + i, log)).ToList();
        var refresh = Process.Start(CliRunner.StartInfo(cli.Environment, "refresh"))!;
        var refreshOut = refresh.StandardOutput.ReadToEndAsync(Figures.Ct);
        var refreshErr = refresh.StandardError.ReadToEndAsync(Figures.Ct);

        // Watch for the moment the CLI's request reaches the emulator (it holds the lock from before then until after the 100 ms).
        long? requestAt = null;
        while (!refresh.HasExited || holders.Any(h => !h.HasExited))
        {
            if (requestAt is null && cli.Control.Count("grant:refresh_token") > 0)
            {
                requestAt = clock.GetUtcNow().ToUnixTimeMilliseconds() * 1_000_000;
            }

            await Task.Delay(2, Figures.Ct);
        }

        await refresh.WaitForExitAsync(Figures.Ct);
        var run = new CliRun(refresh.ExitCode, await refreshOut, await refreshErr);
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.All(holders, h => Assert.Equal(0, h.ExitCode));
        Assert.NotNull(requestAt);

        var lines = File.ReadAllLines(log).Select(line => line.Split(' ')).ToArray();
        var intervals = lines.GroupBy(parts => parts[0])
            .Select(group => (Start: long.Parse(group.First()[1], CultureInfo.InvariantCulture), End: long.Parse(group.Last()[1], CultureInfo.InvariantCulture)))
            .OrderBy(interval => interval.Start)
            .ToList();
        Assert.Equal(3, intervals.Count);
        for (var i = 1; i < intervals.Count; i++)
        {
            Assert.True(intervals[i].Start >= intervals[i - 1].End, $"holders overlapped: {string.Join(", ", intervals)}");
        }

        // The request arrival is seen within a few ms: it must not fall well inside another holder's interval.
        const long Slack = 15_000_000;
        Assert.DoesNotContain(intervals, interval => requestAt > interval.Start + Slack && requestAt < interval.End - Slack);
        Assert.Equal(0, cli.Control.RefreshTokenReuseCount);
        foreach (var holder in holders)
        {
            holder.Dispose();
        }

        Figures.Report($"lock interleave: 3 flock(1) holders x 100 ms + 1 CLI refresh (request held 100 ms): no overlap; span {(intervals[^1].End - intervals[0].Start) / 1_000_000} ms");
    }

    [Fact]
    public async Task CredentialLock_HolderKilledWithSigkill_TheWaitingRefreshGetsItPromptly()
    {
        await using var cli = await CliHarness.StartAsync();
        await cli.ConnectAsync();
        var lockFile = Path.Combine(cli.Home.Path, "auth.lock");
        using var holder = StartShell("exec 9<>\"$1\" && flock 9 && echo locked && exec sleep 30", lockFile);
        Assert.Equal("locked", await holder.StandardOutput.ReadLineAsync(Figures.Ct));

        using var refresh = Process.Start(CliRunner.StartInfo(cli.Environment, "refresh"))!;
        var refreshOut = refresh.StandardOutput.ReadToEndAsync(Figures.Ct);
        var refreshErr = refresh.StandardError.ReadToEndAsync(Figures.Ct);
        // Real time on purpose: the CLI is another process; give it long enough to start and reach the lock,
        // then check that it is still waiting there and has sent nothing.
        await Task.Delay(800, Figures.Ct);
        Assert.False(refresh.HasExited, "the refresh should be waiting for the lock");
        Assert.Equal(0, cli.Control.Count("grant:refresh_token"));

        var killedAt = Stopwatch.StartNew();
        holder.Kill(); // SIGKILL: the kernel drops the flock with the process
        await refresh.WaitForExitAsync(Figures.Ct);
        var afterKill = killedAt.Elapsed;
        var run = new CliRun(refresh.ExitCode, await refreshOut, await refreshErr);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(1, cli.Control.Count("grant:refresh_token"));
        Assert.True(afterKill < TimeSpan.FromSeconds(5), $"the refresh finished {afterKill.TotalMilliseconds:0} ms after the holder died");
        Figures.Report($"lock after SIGKILL of the holder: the waiting CLI refresh finished {afterKill.TotalMilliseconds:0} ms after the kill");
    }

    [Fact]
    public async Task Models_SixteenProcessesOnAColdCache_FetchOnce_AndNoneOnAWarmCache()
    {
        await using var cli = await CliHarness.StartAsync();
        await cli.ConnectAsync();
        File.Delete(Path.Combine(cli.Home.Path, "models-cache.json"));
        cli.Control.ResetCounters();

        var cold = await cli.RunTogetherAsync(16, "models");
        var coldFetches = cli.Control.Count("/v1/models");
        var warm = await cli.RunTogetherAsync(8, "models");
        var warmFetches = cli.Control.Count("/v1/models") - coldFetches;

        Assert.All(cold.Concat(warm), run => Assert.True(run.ExitCode == 0, run.ToString()));
        Assert.True(coldFetches <= 1, $"{coldFetches} /v1/models requests on a cold cache");
        Assert.Equal(0, warmFetches);
        Assert.All(warm, run => Assert.True(run.Json.GetProperty("cached").GetBoolean()));
        Assert.Equal(0, cli.Control.Count("grant:refresh_token"));
        cli.AssertNoSecretsLeaked();
        Figures.Report($"model cache: 16 processes on a cold cache -> {coldFetches} /v1/models request(s); 8 on a warm cache -> {warmFetches}");
    }

    private static Process StartShell(string script, params string[] args)
    {
        var info = new ProcessStartInfo("sh") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(script);
        info.ArgumentList.Add("sh");
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        return Process.Start(info) ?? throw new InvalidOperationException("could not start sh");
    }
}
