using XaiGrok.Emulator;
using Xunit;

namespace XaiGrok.Onboarding.Tests.Cli;

/// <summary>Proactive refresh inside GROK_AUTH_EARLY_INVALIDATION_SECS: the old token still works, so a failed early refresh must not stop the call.</summary>
public sealed class CliEarlyRefreshTests
{
    [Fact]
    public async Task Status_InsideTheEarlyWindow_RefreshesOnce_ThenTheNewTokenIsFresh()
    {
        await using var cli = await CliHarness.StartWithTokenLifetimeAsync(900, "300");
        await cli.ConnectAsync();

        // Fresh (900 s > 300 s): no request.
        var counters = cli.Control.Counters;
        var fresh = await cli.RunAsync("status");
        Assert.True(fresh.Json.GetProperty("connected").GetBoolean(), fresh.ToString());
        Assert.Equal(counters, cli.Control.Counters);

        // Now the window covers the whole lifetime: status refreshes once.
        cli.Environment["GROK_AUTH_EARLY_INVALIDATION_SECS"] = "1200";
        var due = await cli.RunAsync("status");
        Assert.True(due.ExitCode == 0, due.ToString());
        Assert.True(due.Json.GetProperty("connected").GetBoolean(), due.ToString());
        Assert.Equal(1, cli.Control.Count("grant:refresh_token"));

        cli.AssertNoSecretsLeaked();
    }

    [Fact]
    public async Task Status_InsideTheEarlyWindow_WhenTheRefreshAnswerIsLost_StaysConnectedWithTheOldToken_AndDoesNotResend()
    {
        await using var cli = await CliHarness.StartWithTokenLifetimeAsync(600, "900");
        await cli.ConnectAsync();
        var access = cli.ReadAuthFile().GetProperty("access_token").GetString();
        // The server may have rotated the refresh token before the connection broke: the refresh must not be resent.
        cli.Control.AddFault(new EmulatorFault("/oauth2/token", Count: 5) { DropConnection = true });

        var status = await cli.RunAsync("status");

        var json = CliHarness.AssertOneJsonObject(status);
        Assert.True(status.ExitCode == 0, status.ToString());
        Assert.True(json.GetProperty("connected").GetBoolean(), status.ToString());
        Assert.Equal(5, json.GetProperty("tier").GetInt32());
        Assert.Equal(access, cli.ReadAuthFile().GetProperty("access_token").GetString());
        Assert.Equal(1, cli.Control.Count("grant:refresh_token"));
        Assert.Equal(0, cli.Control.RefreshTokenReuseCount);
        CliHarness.AssertNoStackTrace(status);
        cli.AssertNoSecretsLeaked();
    }
}
