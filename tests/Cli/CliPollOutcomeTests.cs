using XaiGrok.Emulator;
using Xunit;

namespace XaiGrok.Onboarding.Tests.Cli;

/// <summary>How a poll ends (RFC 8628 §3.5): slow_down, access_denied, expired_token, each through the real CLI.</summary>
public sealed class CliPollOutcomeTests
{
    [Fact]
    public async Task Poll_SlowDown_ReturnsPendingWithNotice_AndTheSavedIntervalGrowsByFiveSeconds()
    {
        await using var cli = await CliHarness.StartAsync();
        var start = await cli.RunAsync("start");
        Assert.True(start.ExitCode == 0, start.ToString());
        await CliHarness.WaitPollIntervalAsync();

        cli.Control.AddFault(new EmulatorFault("/oauth2/token") { Status = 400, Body = "{\"error\":\"slow_down\"}", ContentType = "application/json" });
        var beforeSlow = TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds();
        var slow = await cli.RunAsync("poll");
        var afterSlow = TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds();
        var json = CliHarness.AssertOneJsonObject(slow);
        Assert.True(slow.ExitCode == 0, slow.ToString());
        Assert.Equal("pending", json.GetProperty("status").GetString());
        Assert.Contains("slow down", json.GetProperty("notice").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(1, cli.Control.Count("/oauth2/token"));
        var pending = Assert.Single(cli.ReadPendingFiles());
        Assert.Equal(6, pending.GetProperty("interval_seconds").GetInt32());

        // The next allowed poll is the grown interval after the slow_down answer, whenever the process got to run.
        var nextPollAt = pending.GetProperty("next_poll_at").GetInt64();
        Assert.InRange(nextPollAt, beforeSlow + 6000 - 1000, afterSlow + 6000 + 1000);

        // The next poll comes too early for the grown interval: pending, no request. How early depends on how long
        // this machine took to start the process, so the expected wait is bounded by the wall clock around the run.
        var beforeAgain = TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds();
        var again = await cli.RunAsync("poll");
        var afterAgain = TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds();
        json = CliHarness.AssertOneJsonObject(again);
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.True(afterAgain < nextPollAt, $"the machine took {afterAgain - beforeSlow} ms for two polls: no early poll could be tried");
        Assert.Equal("pending", json.GetProperty("status").GetString());
        var retryAfter = json.GetProperty("retry_after_seconds").GetInt32();
        Assert.InRange(retryAfter, Math.Max(1, (nextPollAt - afterAgain) / 1000), ((nextPollAt - beforeAgain) / 1000) + 1);
        Assert.Equal(1, cli.Control.Count("/oauth2/token"));

        cli.AssertNoSecretsLeaked();
    }

    [Fact]
    public async Task Poll_AfterDenial_IsAccessDeniedWithApiKeyHint_AndTheFlowIsGone()
    {
        await using var cli = await CliHarness.StartAsync();
        var start = await cli.RunAsync("start");
        Assert.True(start.ExitCode == 0, start.ToString());
        cli.Control.Deny(start.Json.GetProperty("user_code").GetString()!);
        await CliHarness.WaitPollIntervalAsync();

        var denied = await cli.RunAsync("poll");
        var json = CliHarness.AssertOneJsonObject(denied);
        Assert.Equal(1, denied.ExitCode);
        Assert.False(json.GetProperty("ok").GetBoolean());
        Assert.Equal("access_denied", json.GetProperty("error").GetString());
        var hint = json.GetProperty("hint").GetString();
        Assert.Contains("console.x.ai", hint, StringComparison.Ordinal);
        Assert.Contains("API key", hint, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(1, cli.Control.Count("/oauth2/token"));
        Assert.Empty(cli.ReadPendingFiles());

        // Never retried: the flow was removed, so the next poll makes no request.
        var second = await cli.RunAsync("poll");
        json = CliHarness.AssertOneJsonObject(second);
        Assert.Equal(1, second.ExitCode);
        Assert.Equal("no_pending_flow", json.GetProperty("error").GetString());
        Assert.Equal(1, cli.Control.Count("/oauth2/token"));
        Assert.False(File.Exists(cli.Home.AuthFile));

        cli.AssertNoSecretsLeaked();
    }

    [Fact]
    public async Task Poll_AfterTheCodeExpired_IsExpiredWithStartAgainHint()
    {
        await using var cli = await CliHarness.StartAsync();
        var start = await cli.RunAsync("start");
        Assert.True(start.ExitCode == 0, start.ToString());
        cli.Control.Expire(start.Json.GetProperty("user_code").GetString()!);
        await CliHarness.WaitPollIntervalAsync();

        var expired = await cli.RunAsync("poll");
        var json = CliHarness.AssertOneJsonObject(expired);
        Assert.Equal(1, expired.ExitCode);
        Assert.Equal("expired", json.GetProperty("error").GetString());
        Assert.Contains("start again", json.GetProperty("hint").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.Empty(cli.ReadPendingFiles());

        var status = await cli.RunAsync("status");
        Assert.False(status.Json.GetProperty("connected").GetBoolean());

        cli.AssertNoSecretsLeaked();
    }
}
