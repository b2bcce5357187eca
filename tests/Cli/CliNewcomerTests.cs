using Xunit;

namespace XaiGrok.Onboarding.Tests.Cli;

/// <summary>What a newcomer meets first: a mistyped verb, help through a pager, chat with nothing to say, the connected message, a hint.</summary>
public sealed class CliNewcomerTests
{
    [Theory]
    [InlineData("stauts", "status")]
    [InlineData("modles", "models")]
    [InlineData("pol", "poll")]
    [InlineData("logut", "logout")]
    public async Task UnknownVerb_IsAUsageErrorNamingIt_WithTheNearestVerb(string typed, string meant)
    {
        await using var cli = await CliHarness.StartAsync();

        var run = await cli.RunAsync(typed, "--json");

        Assert.Equal(2, run.ExitCode);
        var json = CliHarness.AssertOneJsonObject(run);
        Assert.Equal("usage_error", json.GetProperty("error").GetString());
        var detail = json.GetProperty("detail").GetString()!;
        Assert.Contains($"'{typed}' is not a verb", detail, StringComparison.Ordinal);
        Assert.Contains($"did you mean {meant}?", detail, StringComparison.Ordinal);
        Assert.DoesNotContain("Required command was not provided", detail, StringComparison.Ordinal);
        Assert.Contains($"xai-grok-onboarding {meant}", json.GetProperty("hint").GetString(), StringComparison.Ordinal);
        Assert.Contains($"did you mean {meant}?", run.Stderr, StringComparison.Ordinal);
        Assert.Empty(cli.Control.Counters);
    }

    [Fact]
    public async Task UnknownVerb_FarFromEveryVerb_ListsTheVerbsWithoutAGuess()
    {
        await using var cli = await CliHarness.StartAsync();

        var run = await cli.RunAsync("xyzzyplugh");

        Assert.Equal(2, run.ExitCode);
        var detail = CliHarness.AssertOneJsonObject(run).GetProperty("detail").GetString()!;
        Assert.Contains("'xyzzyplugh' is not a verb", detail, StringComparison.Ordinal);
        Assert.DoesNotContain("did you mean", detail, StringComparison.Ordinal);
        Assert.Contains("status, start, poll", detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("status --help")]
    [InlineData("chat -h")]
    public async Task Help_GoesToStdout_SoAPagerShowsIt(string args)
    {
        await using var cli = await CliHarness.StartAsync();

        var run = await cli.RunAsync(args.Split(' '));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("Usage:", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("Exit codes:", run.Stdout, StringComparison.Ordinal);
        Assert.Empty(run.Stderr);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Chat_WithEmptyStdinAndNoMessage_SaysNoMessageAndHowToPassOne(bool devNull)
    {
        await using var cli = await CliHarness.StartAsync();
        await cli.ConnectAsync();

        var run = devNull ? await cli.RunWithStdinFromDevNullAsync("chat") : await cli.RunWithInputAsync(" \n", "chat");

        Assert.Equal(1, run.ExitCode);
        var json = CliHarness.AssertOneJsonObject(run);
        Assert.Equal("invalid_request", json.GetProperty("error").GetString());
        Assert.StartsWith("no message", json.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("JSON", json.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("--message", json.GetProperty("hint").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, cli.Control.Count("/v1/chat/completions"));
    }

    [Fact]
    public async Task ConnectedMessage_NeverSuggestsSwitchingToTheModelAlreadyInUse()
    {
        await using var cli = await CliHarness.StartAsync();

        var connected = await cli.ConnectAsync();
        var message = connected.Json.GetProperty("message").GetString()!;
        Assert.DoesNotContain("/model xai-grok/grok-4.3", message, StringComparison.Ordinal);
        Assert.Contains("Chat uses xai-grok/grok-4.3", message, StringComparison.Ordinal);

        // With another model chosen, the switch offered is the one back to the default.
        Assert.Equal(0, (await cli.RunAsync("use-model", "grok-build-0.1")).ExitCode);
        var again = await cli.RunAsync("poll");
        message = again.Json.GetProperty("message").GetString()!;
        Assert.Contains("Chat uses xai-grok/grok-build-0.1", message, StringComparison.Ordinal);
        Assert.Contains("/model xai-grok/grok-4.3", message, StringComparison.Ordinal);
        Assert.DoesNotContain("/model xai-grok/grok-build-0.1", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(5, "already the highest tier", "a higher tier")]
    [InlineData(2, "a higher tier than X Basic", "already the highest")]
    public async Task UseModel_NotAvailable_SuggestsAnUpgradeOnlyToWhoeverHasAHigherTierToGoTo(int tier, string says, string doesNotSay)
    {
        await using var cli = await CliHarness.StartAsync();
        await cli.ConnectAsync(tier);

        var run = await cli.RunAsync("use-model", "grok-4.20-multi-agent-0309-not-offered");

        Assert.Equal(1, run.ExitCode);
        var json = CliHarness.AssertOneJsonObject(run);
        Assert.Equal("model_unavailable", json.GetProperty("error").GetString());
        var hint = json.GetProperty("hint").GetString()!;
        Assert.Contains(says, hint, StringComparison.Ordinal);
        Assert.DoesNotContain(doesNotSay, hint, StringComparison.Ordinal);
    }
}
