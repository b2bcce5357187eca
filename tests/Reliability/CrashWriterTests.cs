using System.Diagnostics;
using System.Runtime.Versioning;
using Xunit;

namespace XaiGrok.Onboarding.Tests.Reliability;

/// <summary>
/// kill -9 at hundreds of random points of auth.json writes: the worker writes through the real CredentialStore in a
/// tight loop (lock, clean temps, temp file, fsync, rename, folder fsync) and is killed after a random delay. Two state
/// folders are worked in parallel, one for each core, to fit hundreds of kills in the budget.
/// </summary>
[Collection(ProcessCollection.Name)]
[Trait("Category", "Reliability")]
[SupportedOSPlatform("linux")]
public sealed class CrashWriterTests
{
    private const int TargetKills = 320;

    // A floor for a starved machine (each kill costs a process start, ~0.2 s of CPU); the count reached is reported.
    private const int MinKills = 60;
    private const int Lanes = 2;
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(50);

    // On a starved machine (CI may share its cores) the loop goes on past the budget until the floor is reached:
    // the same assertions hold, the test only takes longer.
    private static readonly TimeSpan StarvedBudget = TimeSpan.FromSeconds(240);

    [Fact]
    public async Task CredentialWrite_KilledWithSigkillAtHundredsOfRandomPoints_AuthJsonIsOldOrNew_AndTempsAreCleaned()
    {
        var lanes = Enumerable.Range(0, Lanes).Select(seed => new CrashLane(seed)).ToArray();
        try
        {
            var wall = Stopwatch.StartNew();
            var kills = 0;
            await Task.WhenAll(lanes.Select(lane => Task.Run(async () =>
            {
                while (Volatile.Read(ref kills) < TargetKills && (wall.Elapsed < Budget || (Volatile.Read(ref kills) < MinKills && wall.Elapsed < StarvedBudget)))
                {
                    await lane.KillOnceAsync();
                    Interlocked.Increment(ref kills);
                }
            })));
            var elapsed = wall.Elapsed;
            foreach (var lane in lanes)
            {
                await lane.FinishAsync();
            }

            Assert.True(kills >= MinKills, $"only {kills} kills in {elapsed}");
            var points = lanes.SelectMany(lane => lane.Points)
                .GroupBy(point => point.Key, point => point.Value)
                .Select(group => (Point: group.Key, Count: group.Sum()))
                .OrderByDescending(point => point.Count)
                .Select(point => $"{point.Count} {point.Point}");
            var startup = lanes.Sum(lane => lane.StartupTotal.TotalMilliseconds) / kills;
            Figures.Report($"crash writer: {kills} SIGKILLs in {Lanes} state folders in {elapsed.TotalSeconds:0.0} s (worker start to first write done: {startup:0} ms on average) " +
                $"({lanes.Sum(lane => lane.LastSequence)} writes in all); after each: auth.json whole, old or new sequence; kill points: {string.Join(", ", points)}; " +
                $"{lanes.Sum(lane => lane.TempsLeft)} kills left a temp file, each removed by the next run's first write; 0 left at the end");
        }
        finally
        {
            foreach (var lane in lanes)
            {
                lane.Dispose();
            }
        }
    }
}
