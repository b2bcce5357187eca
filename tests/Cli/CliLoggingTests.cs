using System.Runtime.Versioning;
using System.Text.Json;
using Xunit;

namespace XaiGrok.Onboarding.Tests.Cli;

/// <summary><c>XAI_GROK_LOG</c> and <c>XAI_GROK_LOG_FILE</c> through the real CLI: where lines go, and that stdout stays one JSON object.</summary>
[SupportedOSPlatform("linux")]
public sealed class CliLoggingTests
{
    [Fact]
    public async Task DefaultLevel_ASuccessfulStatus_WritesNothingToStderr()
    {
        await using var cli = await CliHarness.StartAsync();
        await cli.ConnectAsync();
        cli.Environment.Remove("XAI_GROK_LOG");
        cli.Environment.Remove("XAI_GROK_LOG_FILE");

        var status = await cli.RunAsync("status");

        Assert.Equal(0, status.ExitCode);
        Assert.Equal(string.Empty, status.Stderr);
    }

    [Fact]
    public async Task DebugLevelWithoutAFile_LogsToStderr_StdoutStaysOneJsonObject()
    {
        await using var cli = await CliHarness.StartAsync();
        await cli.ConnectAsync();
        cli.Environment["XAI_GROK_LOG"] = "debug";
        cli.Environment.Remove("XAI_GROK_LOG_FILE");

        var refresh = await cli.RunAsync("refresh");

        Assert.Equal(0, refresh.ExitCode);
        Assert.Contains("/oauth2/token -> 200", refresh.Stderr, StringComparison.Ordinal);
        Assert.Contains("access token refreshed", refresh.Stderr, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(refresh.Stdout);
        Assert.True(json.RootElement.GetProperty("ok").GetBoolean());
        cli.AssertNoSecretsLeaked();
    }

    [Fact]
    public async Task LogFile_GetsTheLines_OwnerOnly_AndStderrStaysQuiet()
    {
        await using var cli = await CliHarness.StartAsync();
        await cli.ConnectAsync();
        var file = Path.Combine(cli.Home.Parent, "refresh.log");
        cli.Environment["XAI_GROK_LOG_FILE"] = file;

        var first = await cli.RunAsync("refresh");
        var second = await cli.RunAsync("models");

        Assert.Equal(0, first.ExitCode);
        Assert.Equal(0, second.ExitCode);
        Assert.Equal(string.Empty, first.Stderr);
        var lines = await File.ReadAllLinesAsync(file, TestContext.Current.CancellationToken);
        Assert.Contains(lines, line => line.Contains("RefreshAsync ok", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.Contains("ModelsAsync ok", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.Contains("grant_type=refresh_token&refresh_token=[redacted]", StringComparison.Ordinal));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        cli.AssertNoSecretsLeaked();
    }

    [Fact]
    public async Task ManyProcessesLoggingToOneFile_KeepEveryLineWhole()
    {
        await using var cli = await CliHarness.StartAsync();
        await cli.ConnectAsync();
        var file = Path.Combine(cli.Home.Parent, "shared.log");
        cli.Environment["XAI_GROK_LOG_FILE"] = file;

        var runs = await cli.RunTogetherAsync(6, "status");

        Assert.All(runs, run => Assert.Equal(0, run.ExitCode));
        var lines = await File.ReadAllLinesAsync(file, TestContext.Current.CancellationToken);
        Assert.Equal(6, lines.Count(line => line.Contains("StatusAsync ok", StringComparison.Ordinal)));
        Assert.All(lines.Where(line => !line.StartsWith("   ", StringComparison.Ordinal)), line => Assert.Matches(@"^\d{4}-\d\d-\d\dT[\d:.]+Z (trce|dbug|info|warn|fail|crit) \[\d+\] XaiGrok\.Onboarding", line));
    }
}
