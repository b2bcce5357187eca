using System.Text.Json;
using Xunit;

namespace XaiGrok.Onboarding.Tests.Cli;

/// <summary>
/// A poll for a sign-in that has just completed answers <c>connected</c> again: the processes that lose the race to
/// the one that redeemed the device code, and any later poll, never send the agent back to <c>start</c>. The device
/// code is redeemed once, as RFC 8628 allows.
/// </summary>
public sealed class CliIdempotentPollTests
{
    [Fact]
    public async Task TenPollsAtOnce_AfterApproval_AllAnswerConnected_AndTheCodeIsRedeemedOnce()
    {
        await using var cli = await CliHarness.StartAsync();
        var start = await cli.RunAsync("start");
        Assert.True(start.ExitCode == 0, start.ToString());
        var pendingId = start.Json.GetProperty("pending_id").GetString()!;
        cli.Control.Approve(start.Json.GetProperty("user_code").GetString()!, tier: 4);
        await CliHarness.WaitPollIntervalAsync();

        var polls = await cli.RunTogetherAsync(10, "poll");

        Assert.All(polls, poll => AssertConnected(poll, tier: 4, "X Premium+"));
        Assert.Single(polls.Select(poll => poll.Json.GetProperty("expires_at").GetString()).Distinct());
        Assert.Equal(1, cli.Control.Count("grant:device_code"));

        // A repeated poll, by id or for the newest, still says connected, and asks the token endpoint nothing.
        AssertConnected(await cli.RunAsync("poll"), tier: 4, "X Premium+");
        AssertConnected(await cli.RunAsync("poll", "--pending-id", pendingId), tier: 4, "X Premium+");
        Assert.Equal(1, cli.Control.Count("/oauth2/token"));
        Assert.Empty(cli.ReadPendingFiles());
        cli.AssertNoSecretsLeaked();
    }

    [Fact]
    public async Task PollForAnotherWaitingFlow_AfterOneCompleted_SaysConnected_AndLogoutForgetsIt()
    {
        await using var cli = await CliHarness.StartAsync();
        var older = await cli.RunAsync("start");
        var newer = await cli.RunAsync("start");
        var olderId = older.Json.GetProperty("pending_id").GetString()!;
        var newerId = newer.Json.GetProperty("pending_id").GetString()!;
        cli.Control.Approve(newer.Json.GetProperty("user_code").GetString()!, tier: 5);
        await CliHarness.WaitPollIntervalAsync();

        AssertConnected(await cli.RunAsync("poll", "--pending-id", newerId), tier: 5, "SuperGrok Heavy");
        AssertConnected(await cli.RunAsync("poll", "--pending-id", olderId), tier: 5, "SuperGrok Heavy");
        Assert.Equal(1, cli.Control.Count("/oauth2/token"));

        var logout = await cli.RunAsync("logout");
        Assert.True(logout.ExitCode == 0, logout.ToString());
        var after = await cli.RunAsync("poll", "--pending-id", newerId);
        Assert.Equal(1, after.ExitCode);
        var json = CliHarness.AssertOneJsonObject(after);
        Assert.Equal("no_pending_flow", json.GetProperty("error").GetString());
        Assert.Contains("Run start first", json.GetProperty("hint").GetString(), StringComparison.Ordinal);
        cli.AssertNoSecretsLeaked();
    }

    private static void AssertConnected(Support.CliRun poll, int tier, string subscription)
    {
        var json = CliHarness.AssertOneJsonObject(poll);
        Assert.True(poll.ExitCode == 0, poll.ToString());
        Assert.Equal("connected", json.GetProperty("status").GetString());
        Assert.Equal("oauth", json.GetProperty("source").GetString());
        Assert.Equal(tier, json.GetProperty("tier").GetInt32());
        Assert.Equal(subscription, json.GetProperty("subscription").GetString());
        Assert.Equal("xai-grok/grok-4.3", json.GetProperty("default_model_id").GetString());
        Assert.Equal(JsonValueKind.Array, json.GetProperty("models").ValueKind);
        Assert.NotEqual(0, json.GetProperty("models").GetArrayLength());
        Assert.Contains("refresh your browser page", json.GetProperty("message").GetString(), StringComparison.OrdinalIgnoreCase);
        CliHarness.AssertNoStackTrace(poll);
    }
}
