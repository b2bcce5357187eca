using Xunit;

namespace XaiGrok.Onboarding.Tests.Cli;

/// <summary><c>--json</c> is accepted by every verb, before or after it, so an agent can always pass it; it changes nothing there.</summary>
public sealed class CliJsonOptionTests
{
    [Fact]
    public async Task StatusJson_IsTheSameOneObjectAsStatus()
    {
        await using var cli = await CliHarness.StartAsync();
        await cli.ConnectAsync(tier: 3);

        var plain = await cli.RunAsync("status");
        var json = await cli.RunAsync("status", "--json");
        var first = await cli.RunAsync("--json", "status");

        Assert.All(new[] { plain, json, first }, run => Assert.True(run.ExitCode == 0, run.ToString()));
        // The same object (expires_in_seconds may tick between the runs, so the keys are compared).
        var keys = CliHarness.AssertOneJsonObject(plain).EnumerateObject().Select(p => p.Name).ToList();
        Assert.Equal(keys, CliHarness.AssertOneJsonObject(json).EnumerateObject().Select(p => p.Name));
        Assert.Equal(keys, CliHarness.AssertOneJsonObject(first).EnumerateObject().Select(p => p.Name));
        Assert.Equal("X Premium", CliHarness.AssertOneJsonObject(json).GetProperty("subscription").GetString());
        cli.AssertNoSecretsLeaked();
    }

    [Fact]
    public async Task PollJson_Failing_IsStillOneJsonObjectAndExitOne()
    {
        await using var cli = await CliHarness.StartAsync();

        var run = await cli.RunAsync("poll", "--json");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("no_pending_flow", CliHarness.AssertOneJsonObject(run).GetProperty("error").GetString());
    }

    [Fact]
    public async Task UnknownOption_IsAUsageError_AsJson()
    {
        await using var cli = await CliHarness.StartAsync();

        var run = await cli.RunAsync("login", "--no-such-option");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("usage_error", CliHarness.AssertOneJsonObject(run).GetProperty("error").GetString());
    }
}
