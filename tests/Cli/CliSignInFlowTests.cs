using System.Text.Json;
using Xunit;

namespace XaiGrok.Onboarding.Tests.Cli;

/// <summary>The whole life of a session through the real CLI, one process per verb, against the emulator.</summary>
public sealed class CliSignInFlowTests
{
    [Fact]
    public async Task FullFlow_StatusStartPollApproveModelsRefreshLogout_EachVerbDoesOnlyItsRequests()
    {
        await using var cli = await CliHarness.StartAsync();
        var control = cli.Control;

        // status on an empty home: not connected, no request at all.
        var status0 = await cli.RunAsync("status");
        var json = CliHarness.AssertOneJsonObject(status0);
        Assert.Equal(0, status0.ExitCode);
        Assert.True(json.GetProperty("ok").GetBoolean());
        Assert.False(json.GetProperty("connected").GetBoolean());
        Assert.Equal("none", json.GetProperty("source").GetString());
        Assert.Empty(control.Counters);

        // start: discovery + device authorization, no token request.
        var start = await cli.RunAsync("start");
        json = CliHarness.AssertOneJsonObject(start);
        Assert.True(start.ExitCode == 0, start.ToString());
        Assert.Equal("pending", json.GetProperty("status").GetString());
        var pendingId = json.GetProperty("pending_id").GetString();
        Assert.False(string.IsNullOrEmpty(pendingId));
        var userCode = json.GetProperty("user_code").GetString()!;
        Assert.Equal(control.LatestUserCode, userCode);
        Assert.Contains(userCode, json.GetProperty("verification_url_with_code").GetString(), StringComparison.Ordinal);
        Assert.InRange(json.GetProperty("expires_in_seconds").GetInt64(), 890, 900);
        Assert.Equal(1, json.GetProperty("interval_seconds").GetInt32());
        Assert.Equal(1, control.Count("/oauth2/device/code"));
        Assert.Equal(0, control.Count("/oauth2/token"));

        // poll before approval: pending with retry_after_seconds, at most one token request.
        var before = control.Count("/oauth2/token");
        var pollEarly = await cli.RunAsync("poll");
        json = CliHarness.AssertOneJsonObject(pollEarly);
        Assert.True(pollEarly.ExitCode == 0, pollEarly.ToString());
        Assert.Equal("pending", json.GetProperty("status").GetString());
        Assert.Equal(pendingId, json.GetProperty("pending_id").GetString());
        Assert.InRange(json.GetProperty("retry_after_seconds").GetInt32(), 0, 1);
        Assert.InRange(control.Count("/oauth2/token") - before, 0, 1);

        control.Approve(userCode, tier: 5);
        await CliHarness.WaitPollIntervalAsync();

        before = control.Count("/oauth2/token");
        var modelsBefore = control.Count("/v1/models");
        var poll = await cli.RunAsync("poll");
        json = CliHarness.AssertOneJsonObject(poll);
        Assert.True(poll.ExitCode == 0, poll.ToString());
        Assert.Equal(1, control.Count("/oauth2/token") - before);
        Assert.Equal(0, control.Count("grant:refresh_token"));
        Assert.Equal("connected", json.GetProperty("status").GetString());
        Assert.Equal(5, json.GetProperty("tier").GetInt32());
        Assert.Equal("SuperGrok Heavy", json.GetProperty("subscription").GetString());
        Assert.Equal("xai-grok/grok-4.3", json.GetProperty("default_model_id").GetString());
        AssertHeavyModels(json);
        Assert.Contains("refresh your browser page", json.GetProperty("message").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(1, control.Count("/v1/models") - modelsBefore);
        var modelsAfterPoll = control.Count("/v1/models");

        // status on a fresh token: connected, models from the cache, no request.
        var counters = control.Counters;
        var status1 = await cli.RunAsync("status");
        json = CliHarness.AssertOneJsonObject(status1);
        Assert.True(status1.ExitCode == 0, status1.ToString());
        Assert.True(json.GetProperty("connected").GetBoolean());
        Assert.Equal("oauth", json.GetProperty("source").GetString());
        Assert.Equal(5, json.GetProperty("tier").GetInt32());
        Assert.Equal("SuperGrok Heavy", json.GetProperty("subscription").GetString());
        AssertHeavyModels(json);
        Assert.Equal(counters, control.Counters);

        // models: from the cache.
        var models = await cli.RunAsync("models");
        json = CliHarness.AssertOneJsonObject(models);
        Assert.True(models.ExitCode == 0, models.ToString());
        Assert.True(json.GetProperty("cached").GetBoolean());
        AssertHeavyModels(json);
        Assert.Equal(modelsAfterPoll, control.Count("/v1/models"));
        Assert.Equal(counters, control.Counters);

        // models --force: one fetch.
        var forced = await cli.RunAsync("models", "--force");
        json = CliHarness.AssertOneJsonObject(forced);
        Assert.True(forced.ExitCode == 0, forced.ToString());
        Assert.False(json.GetProperty("cached").GetBoolean());
        AssertHeavyModels(json);
        Assert.Equal(modelsAfterPoll + 1, control.Count("/v1/models"));

        // refresh: exactly one refresh grant.
        var accessBefore = cli.ReadAuthFile().GetProperty("access_token").GetString();
        var refresh = await cli.RunAsync("refresh");
        json = CliHarness.AssertOneJsonObject(refresh);
        Assert.True(refresh.ExitCode == 0, refresh.ToString());
        Assert.Equal("refreshed", json.GetProperty("status").GetString());
        Assert.Equal(5, json.GetProperty("tier").GetInt32());
        Assert.Equal(1, control.Count("grant:refresh_token"));
        Assert.NotEqual(accessBefore, cli.ReadAuthFile().GetProperty("access_token").GetString());

        // logout: local state gone, refresh token revoked at the issuer.
        var logout = await cli.RunAsync("logout");
        json = CliHarness.AssertOneJsonObject(logout);
        Assert.True(logout.ExitCode == 0, logout.ToString());
        Assert.Equal("logged_out", json.GetProperty("status").GetString());
        Assert.True(json.GetProperty("removed_credential").GetBoolean());
        Assert.Equal("revoked", json.GetProperty("revocation").GetString());
        Assert.Equal(1, control.Count("/oauth2/revoke"));
        Assert.False(File.Exists(cli.Home.AuthFile));

        counters = control.Counters;
        var status2 = await cli.RunAsync("status");
        json = CliHarness.AssertOneJsonObject(status2);
        Assert.Equal(0, status2.ExitCode);
        Assert.False(json.GetProperty("connected").GetBoolean());
        Assert.Equal("none", json.GetProperty("source").GetString());
        Assert.Equal(counters, control.Counters);

        foreach (var run in cli.Runs)
        {
            CliHarness.AssertNoStackTrace(run);
        }

        cli.AssertNoSecretsLeaked();

        // The scan knew what to look for: the device code, and both generations of every token.
        Assert.Contains(cli.SecretLabels, label => label.StartsWith("device_code", StringComparison.Ordinal));
        Assert.Equal(2, cli.SecretLabels.Count(label => label.StartsWith("access_token", StringComparison.Ordinal)));
        Assert.Equal(2, cli.SecretLabels.Count(label => label.StartsWith("refresh_token", StringComparison.Ordinal)));
        Assert.Contains(cli.SecretLabels, label => label.StartsWith("id_token", StringComparison.Ordinal));
    }

    [Fact]
    public async Task StartAndPoll_InSeparateProcesses_PendingIdSelectsTheFlow_UnknownIdIsNoPendingFlow()
    {
        await using var cli = await CliHarness.StartAsync();

        var first = await cli.RunAsync("start");
        var second = await cli.RunAsync("start");
        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.True(second.ExitCode == 0, second.ToString());
        var firstId = first.Json.GetProperty("pending_id").GetString()!;
        var secondId = second.Json.GetProperty("pending_id").GetString()!;
        Assert.NotEqual(firstId, secondId);
        Assert.Equal(2, cli.ReadPendingFiles().Count);

        var unknown = await cli.RunAsync("poll", "--pending-id", "unknown");
        var json = CliHarness.AssertOneJsonObject(unknown);
        Assert.Equal(1, unknown.ExitCode);
        Assert.False(json.GetProperty("ok").GetBoolean());
        Assert.Equal("no_pending_flow", json.GetProperty("error").GetString());
        Assert.Equal(0, cli.Control.Count("/oauth2/token"));

        // Approve the OLDER flow: a poll without an id would take the newest (still pending) one.
        cli.Control.Approve(first.Json.GetProperty("user_code").GetString()!, tier: 4);
        await CliHarness.WaitPollIntervalAsync();

        var poll = await cli.RunAsync("poll", "--pending-id", firstId);
        json = CliHarness.AssertOneJsonObject(poll);
        Assert.True(poll.ExitCode == 0, poll.ToString());
        Assert.Equal("connected", json.GetProperty("status").GetString());
        Assert.Equal(4, json.GetProperty("tier").GetInt32());
        Assert.Equal("X Premium+", json.GetProperty("subscription").GetString());
        Assert.Equal(1, cli.Control.Count("/oauth2/token"));

        var status = await cli.RunAsync("status");
        Assert.True(status.Json.GetProperty("connected").GetBoolean());

        foreach (var run in cli.Runs)
        {
            CliHarness.AssertNoStackTrace(run);
        }

        cli.AssertNoSecretsLeaked();
    }

    private static void AssertHeavyModels(JsonElement json)
    {
        var chat = json.GetProperty("models").EnumerateArray().ToDictionary(m => m.GetProperty("id").GetString()!);
        Assert.All(chat.Keys, id => Assert.StartsWith("xai-grok/", id, StringComparison.Ordinal));
        Assert.Contains("xai-grok/grok-4.3", chat.Keys);

        var build = chat["xai-grok/grok-build-0.1"];
        Assert.Equal("grok-build-0.1", build.GetProperty("upstream_id").GetString());
        Assert.Equal("chat_completions", build.GetProperty("lane").GetString());

        var multiAgent = chat["xai-grok/grok-4.20-multi-agent-0309"];
        Assert.Equal("responses", multiAgent.GetProperty("lane").GetString());
        Assert.False(multiAgent.GetProperty("listed").GetBoolean());

        Assert.DoesNotContain(chat.Keys, id => id.Contains("grok-imagine", StringComparison.Ordinal));
        var media = json.GetProperty("media_models").EnumerateArray().Select(m => m.GetProperty("upstream_id").GetString()).ToArray();
        Assert.Contains("grok-imagine-image", media);
    }
}
