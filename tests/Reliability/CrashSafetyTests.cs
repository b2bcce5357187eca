using System.Diagnostics;
using System.Runtime.Versioning;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using XaiGrok.Emulator;
using XaiGrok.Onboarding.Runtime;
using XaiGrok.Onboarding.Tests.Cli;
using XaiGrok.Onboarding.Tests.Support;
using Xunit;

namespace XaiGrok.Onboarding.Tests.Reliability;

/// <summary>
/// kill -9 at random points of a CLI <c>refresh</c> (the whole real path: process start, discovery-free refresh against
/// the emulator, rotation, write): after every kill auth.json parses and holds the old credential or a newer one; temp
/// files a dead writer left are removed by the next successful write. A CLI process lives about a second, so this keeps
/// a small budget; the hundreds of kills inside the write itself are <see cref="CrashWriterTests"/>.
/// </summary>
[Collection(ProcessCollection.Name)]
[Trait("Category", "Reliability")]
[SupportedOSPlatform("linux")]
public sealed class CrashSafetyTests
{
    private const int MaxKills = 200;
    private const int MinKills = 5;
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(8);

    // A busy machine slows every process start; the loop then goes on past the budget until the floor is reached,
    // so the test asserts the same thing however loaded the machine is (it only takes longer).
    private static readonly TimeSpan StarvedBudget = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Refresh_KilledWithSigkillAtRandomPoints_AuthJsonIsAlwaysWholeAndOldOrNewer()
    {
        await using var cli = await CliHarness.StartAsync(new EmulatorOptions { PollIntervalSeconds = 1, EnforcePollInterval = false });
        await ReconnectAsync(cli);
        var random = new Random(9);

        // Calibrate: how long one refresh process lives on this machine, so the kills land across its whole life.
        var life = TimeSpan.MaxValue;
        for (var i = 0; i < 3; i++)
        {
            var calibration = Stopwatch.StartNew();
            var run = await cli.RunAsync("refresh");
            Assert.True(run.ExitCode == 0, run.ToString());
            life = calibration.Elapsed < life ? calibration.Elapsed : life;
        }

        var seen = new List<string> { Figures.ReadString(cli.Home.AuthFile, "access_token")! };
        int kills = 0, finishedFirst = 0, newer = 0, unchanged = 0, reauthMarked = 0, reconnects = 0, tempsLeft = 0, handledReuse = 0;
        var wall = Stopwatch.StartNew();
        while (kills < MaxKills && (wall.Elapsed < Budget || (kills < MinKills && wall.Elapsed < StarvedBudget)))
        {
            var beforeBytes = File.ReadAllBytes(cli.Home.AuthFile);
            var beforeAccess = Figures.ReadString(cli.Home.AuthFile, "access_token")!;
            var beforeObtained = ReadLong(beforeBytes, "obtained_at");
            using var process = Process.Start(CliRunner.StartInfo(cli.Environment, "refresh"))!;
            var drain = Task.WhenAll(process.StandardOutput.ReadToEndAsync(Figures.Ct), process.StandardError.ReadToEndAsync(Figures.Ct));
            var ran = Stopwatch.StartNew();
            var delay = TimeSpan.FromMilliseconds(life.TotalMilliseconds * (0.2 + (0.85 * random.NextDouble())));
            await Task.WhenAny(process.WaitForExitAsync(Figures.Ct), Task.Delay(delay, Figures.Ct));
            var exited = process.HasExited;
            if (exited)
            {
                // It lived less than estimated: move the estimate toward its real life (the load of the machine varies).
                finishedFirst++;
                life = TimeSpan.FromMilliseconds((0.7 * life.TotalMilliseconds) + (0.3 * ran.Elapsed.TotalMilliseconds));
            }
            else
            {
                life *= 1.03;
                process.Kill(); // SIGKILL
                kills++;
            }

            await process.WaitForExitAsync(Figures.Ct);
            await drain;

            // Whole JSON, a usable credential, and the old one or a newer one.
            var bytes = File.ReadAllBytes(cli.Home.AuthFile);
            using (var document = JsonDocument.Parse(bytes))
            {
                Assert.Equal(JsonValueKind.Object, document.RootElement.ValueKind);
            }

            var access = Figures.ReadString(cli.Home.AuthFile, "access_token");
            Assert.False(string.IsNullOrEmpty(access));
            if (bytes.AsSpan().SequenceEqual(beforeBytes))
            {
                unchanged++;
            }
            else if (access == beforeAccess)
            {
                // Same tokens rewritten: only the "needs a new sign-in" mark may have been added.
                Assert.NotNull(Figures.ReadString(cli.Home.AuthFile, "reauth_reason"));
                reauthMarked++;
            }
            else
            {
                Assert.DoesNotContain(access, seen);
                // obtained_at is in whole seconds; a re-sign-in below runs its own clock a few seconds ahead.
                Assert.True(ReadLong(bytes, "obtained_at") >= beforeObtained - 10, "the new credential is older than the one it replaced");
                seen.Add(access!);
                newer++;
            }

            tempsLeft += Figures.AuthTemps(cli.Home.Path).Length > 0 ? 1 : 0;

            // A kill after the server rotated the refresh token but before the write loses the session (by design
            // the refresh is never resent); sign in again so the next runs still write.
            if (Figures.ReadString(cli.Home.AuthFile, "reauth_reason") is not null || cli.Control.RefreshTokenReuseCount > handledReuse)
            {
                await ReconnectAsync(cli);
                reconnects++;
                handledReuse = cli.Control.RefreshTokenReuseCount;
                seen.Add(Figures.ReadString(cli.Home.AuthFile, "access_token")!);
            }
        }

        // A kill after the server rotated but before the write is only noticed by the next refresh: start from a
        // session known to be good, plant a leftover like a writer killed mid-write; one successful write cleans it.
        await ReconnectAsync(cli);
        File.WriteAllText(Path.Combine(cli.Home.Path, ".auth.json.00112233aabbccdd.tmp"), "{\"half\":");
        var last = await cli.RunAsync("refresh");
        Assert.True(last.ExitCode == 0, last.ToString());
        Assert.Empty(Figures.AuthTemps(cli.Home.Path));
        cli.AssertNoSecretsLeaked();

        Assert.True(kills >= MinKills, $"only {kills} kills in {wall.Elapsed}");
        Figures.Report($"crash safety: {kills} SIGKILLs of CLI refresh at random points ({finishedFirst} more runs finished before their kill time) " +
            $"in {wall.Elapsed.TotalSeconds:0.0} s; process life ~{life.TotalMilliseconds:0} ms; after each: JSON whole; " +
            $"{unchanged} unchanged, {newer} newer credential, {reauthMarked} marked reauth, {reconnects} re-sign-ins after a lost rotation; " +
            $"{tempsLeft} runs left a temp file (cleaned by the next write)");
    }

    private static long ReadLong(byte[] json, string name)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.GetProperty(name).GetInt64();
    }

    /// <summary>Signs in in-process (the emulator does not enforce the interval; the module's own clock is stepped past it).</summary>
    private static async Task ReconnectAsync(CliHarness cli)
    {
        var clock = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        var options = new OnboardingOptions
        {
            Issuer = new Uri(cli.Emulator.Issuer),
            ClientId = CliHarness.ClientId,
            ApiBaseUrl = new Uri(cli.Emulator.ApiBaseUrl),
            Home = cli.Home.Path,
            LockTimeout = TimeSpan.FromSeconds(30),
        };
        using var module = new GrokOnboarding(new OnboardingRuntime(options, clock));
        var started = await module.StartAsync(Figures.Ct);
        Assert.True(started.Ok, started.ToJson());
        cli.Control.Approve((string)started["user_code"]!, 4);
        clock.Advance(TimeSpan.FromSeconds((int)started["interval_seconds"]! + 1));
        var polled = await module.PollAsync(cancellationToken: Figures.Ct);
        Assert.True(Equals(polled["status"], "connected"), polled.ToJson());
    }
}
