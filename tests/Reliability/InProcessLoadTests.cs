using System.Diagnostics;
using XaiGrok.Emulator;
using XaiGrok.Onboarding.Tests.Integration;
using Xunit;

namespace XaiGrok.Onboarding.Tests.Reliability;

/// <summary>
/// Many callers in one process on the fake clock: separate module instances sharing one state folder (as separate
/// processes would), and a long soak across many token lifetimes.
/// </summary>
public sealed class InProcessLoadTests
{
    [Fact]
    public async Task Status_FiftyInstancesTimesTwentyCallers_AfterExpiry_OneRefresh_OneExpiry()
    {
        await using var rig = await Rig.StartAsync(configure: o => o with { LockTimeout = TimeSpan.FromHours(1) });
        await rig.ConnectAsync(rig.NewModule());
        var modules = Enumerable.Range(0, 50).Select(_ => rig.NewModule()).ToArray();
        rig.Clock.Advance(TimeSpan.FromSeconds(21600 + 1));
        var started = Stopwatch.StartNew();

        var calls = modules.SelectMany(module => Enumerable.Range(0, 20).Select(_ => Task.Run(() => module.StatusAsync(Figures.Ct), Figures.Ct))).ToArray();
        var results = await StepLockWaitsAsync(rig, Task.WhenAll(calls));

        Assert.All(results, result => Assert.True(result.Ok && Equals(result["connected"], true), result.ToJson()));
        Assert.Equal(1, rig.Emulator.Control.Count("grant:refresh_token"));
        Assert.Equal(0, rig.Emulator.Control.RefreshTokenReuseCount);
        Assert.Single(results.Select(result => result["expires_at"]).Distinct());
        Figures.Report($"in-process: 50 instances x 20 concurrent status calls = {results.Length} calls -> {rig.Emulator.Control.Count("grant:refresh_token")} refresh, 1 expiry; {started.Elapsed.TotalSeconds:0.0} s");
    }

    [Fact]
    public async Task Soak_FourStreamsOfShortCalls_AcrossManyTokenLifetimes_RefreshOncePerLifetime()
    {
        const int Lifetime = 60;
        const int Early = 10;
        const int Steps = 750;
        const int CallsPerStreamPerStep = 2;
        await using var rig = await Rig.StartAsync(
            new EmulatorOptions { AccessTokenLifetimeSeconds = Lifetime },
            o => o with { EarlyRefresh = TimeSpan.FromSeconds(Early), ModelsCacheTtl = TimeSpan.FromSeconds(120), LockTimeout = TimeSpan.FromHours(1) });
        await rig.ConnectAsync(rig.NewModule());
        var streams = Enumerable.Range(0, 4).Select(_ => rig.NewModule()).ToArray();
        rig.Emulator.Control.ResetCounters();
        var startedAt = rig.Clock.GetUtcNow();
        var wall = Stopwatch.StartNew();
        var calls = 0;
        var random = new Random(8628);

        for (var step = 0; step < Steps; step++)
        {
            var kinds = streams.Select(_ => random.Next(4)).ToArray();
            var batch = streams.Select((module, i) => Task.Run(async () =>
            {
                var results = new List<SkillResult>();
                for (var c = 0; c < CallsPerStreamPerStep; c++)
                {
                    results.Add(kinds[i] == 0 ? await module.ModelsAsync(cancellationToken: Figures.Ct) : await module.StatusAsync(Figures.Ct));
                }

                return results;
            }, Figures.Ct)).ToArray();
            var done = await StepLockWaitsAsync(rig, Task.WhenAll(batch));
            foreach (var result in done.SelectMany(r => r))
            {
                calls++;
                Assert.True(result.Ok, $"step {step}: {result.ToJson()}");
                Assert.False(result.TryGetValue("problem", out var problem) && problem is not null, $"step {step}: {result.ToJson()}");
                if (result.ContainsKey("connected"))
                {
                    Assert.Equal(true, result["connected"]);
                }
            }

            rig.Clock.Advance(TimeSpan.FromSeconds(1));
        }

        var simulated = rig.Clock.GetUtcNow() - startedAt;
        var refreshes = rig.Emulator.Control.Count("grant:refresh_token");
        var expected = simulated.TotalSeconds / (Lifetime - Early);
        Assert.Equal(0, rig.Emulator.Control.RefreshTokenReuseCount);
        Assert.InRange(refreshes, (int)Math.Floor(expected) - 1, (int)Math.Ceiling(expected) + 1);
        Figures.Report($"soak: 4 streams, {calls} calls (status/models), {simulated.TotalSeconds:0} s simulated, lifetime {Lifetime} s, early {Early} s: " +
            $"{refreshes} refreshes (expected ~{expected:0.0}), {rig.Emulator.Control.Count("/v1/models")} model fetches, reuse 0, reauth 0; {wall.Elapsed.TotalSeconds:0.0} s wall");
    }

    /// <summary>
    /// Awaits <paramref name="call"/>, moving the fake clock only to timers due within 200 ms: the credential lock's
    /// retry waits (10–100 ms). HTTP timeouts (30 s) and token lifetimes are never reached this way.
    /// </summary>
    internal static async Task<T> StepLockWaitsAsync<T>(Rig rig, Task<T> call)
    {
        while (!call.IsCompleted)
        {
            await Task.WhenAny(call, Task.Delay(1, Figures.Ct));
            if (rig.Clock.NextTimerIn is { } wait && wait <= TimeSpan.FromMilliseconds(200))
            {
                rig.Clock.Advance(wait);
            }
        }

        return await call;
    }
}
