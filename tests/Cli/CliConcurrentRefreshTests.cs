using XaiGrok.Emulator;
using Xunit;

namespace XaiGrok.Onboarding.Tests.Cli;

/// <summary>
/// Refresh tokens rotate: two processes refreshing with one refresh token would lose the session. The CLI refreshes
/// under a cross-process lock and adopts a token a sibling refreshed meanwhile.
/// </summary>
public sealed class CliConcurrentRefreshTests
{
    [Theory]
    [InlineData(21600, null)]
    [InlineData(600, "900")] // a token that is always inside the early-refresh window
    public async Task Refresh_InTwoProcessesAtOnce_HitsTheTokenEndpointOnce_TheOtherAdoptsItsToken(int lifetimeSeconds, string? earlyRefreshSeconds)
    {
        await using var cli = await CliHarness.StartWithTokenLifetimeAsync(lifetimeSeconds, earlyRefreshSeconds);

        await cli.ConnectAsync();
        var before = cli.ReadAuthFile().GetProperty("access_token").GetString();
        HoldTheFirstRefresh(cli);

        var runs = await cli.RunTogetherAsync(2, "refresh");

        Assert.All(runs, run => Assert.True(run.ExitCode == 0, run.ToString()));
        Assert.All(runs, run => Assert.Equal("refreshed", CliHarness.AssertOneJsonObject(run).GetProperty("status").GetString()));
        Assert.Equal(0, cli.Control.RefreshTokenReuseCount);
        Assert.NotEqual(before, cli.ReadAuthFile().GetProperty("access_token").GetString());
        Assert.Equal(1, cli.Control.Count("grant:refresh_token"));

        // The session survived: a later refresh still works.
        var later = await cli.RunAsync("refresh");
        Assert.True(later.ExitCode == 0, later.ToString());
        Assert.Equal(0, cli.Control.RefreshTokenReuseCount);

        cli.AssertNoSecretsLeaked();
    }

    [Fact]
    public async Task Status_InTwoProcessesInsideTheEarlyRefreshWindow_RefreshesExactlyOnce()
    {
        // A 600 s token with a 900 s early window is always due for refresh.
        await using var cli = await CliHarness.StartWithTokenLifetimeAsync(600, "900");
        await cli.ConnectAsync();
        Assert.Equal(0, cli.Control.Count("grant:refresh_token"));
        HoldTheFirstRefresh(cli);

        var runs = await cli.RunTogetherAsync(2, "status");

        foreach (var run in runs)
        {
            var json = CliHarness.AssertOneJsonObject(run);
            Assert.True(run.ExitCode == 0, run.ToString());
            Assert.True(json.GetProperty("connected").GetBoolean(), run.ToString());
        }

        Assert.Equal(0, cli.Control.RefreshTokenReuseCount);
        Assert.Equal(1, cli.Control.Count("grant:refresh_token"));

        cli.AssertNoSecretsLeaked();
    }

    /// <summary>
    /// Makes the two processes overlap for sure: the first refresh request is held for 1.5 s of real time (an
    /// emulator-side delay, the only way to hold a separate process), so the second process has read the old token
    /// before the first one writes the new pair. Without it, a second process that started late would see the new
    /// token and, for a forced refresh or an always-due token, rightly refresh again.
    /// </summary>
    private static void HoldTheFirstRefresh(CliHarness cli) =>
        cli.Control.AddFault(new EmulatorFault("/oauth2/token") { DelayMilliseconds = 1500 });
}
