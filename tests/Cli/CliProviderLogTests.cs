using System.Runtime.Versioning;
using System.Text.RegularExpressions;
using Xunit;

namespace XaiGrok.Onboarding.Tests.Cli;

/// <summary>
/// The Grok CLI's documented provider log lines ("Common log messages"), as written and at the levels it uses, through
/// the real CLI's log file; and its variables <c>RUST_LOG</c> and <c>GROK_LOG_FILE</c> as aliases of ours.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed partial class CliProviderLogTests
{
    private const string Token = "log-provider-canary-9d2f6a1c";

    [Fact]
    public async Task ProviderReturningAToken_LogsRunningAndFreshToken_AtInfo()
    {
        await using var cli = await CliHarness.StartAsync();
        cli.Environment["XAI_GROK_LOG"] = "info";
        cli.Environment["GROK_AUTH_PROVIDER_COMMAND"] = Script(cli, $"echo '{Token}'");

        var run = await cli.RunAsync("status");

        Assert.True(run.ExitCode == 0, run.ToString());
        AssertLine(cli.LogText, "info", "auth: running external auth provider");
        AssertLine(cli.LogText, "info", "auth: external auth provider returned fresh token");
        Assert.DoesNotContain("auth: external auth provider failed", cli.LogText, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("exit 1")]
    [InlineData("echo 'no token today' >&2")]
    public async Task ProviderExitingNonZeroOrPrintingNothing_LogsFailed_AtWarning(string body)
    {
        await using var cli = await CliHarness.StartAsync();
        cli.Environment["XAI_GROK_LOG"] = "info";
        cli.Environment["GROK_AUTH_PROVIDER_COMMAND"] = Script(cli, body);

        await cli.RunAsync("status");

        AssertLine(cli.LogText, "info", "auth: running external auth provider");
        AssertLine(cli.LogText, "warn", "auth: external auth provider failed");
    }

    [Fact]
    public async Task ProviderNotFound_LogsFailedToStart_AtWarning()
    {
        await using var cli = await CliHarness.StartAsync();
        cli.Environment["XAI_GROK_LOG"] = "info";
        cli.Environment["GROK_AUTH_PROVIDER_COMMAND"] = Path.Combine(cli.Home.Parent, "no-such-provider");

        await cli.RunAsync("status");

        AssertLine(cli.LogText, "warn", "auth: failed to start external auth provider");
        Assert.DoesNotContain("auth: external auth provider failed", cli.LogText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RustLogAndGrokLogFile_AreAliases_WhenOursAreUnset()
    {
        await using var cli = await CliHarness.StartAsync();
        var file = Path.Combine(cli.Home.Parent, "grok.log");
        cli.Environment.Remove("XAI_GROK_LOG");
        cli.Environment.Remove("XAI_GROK_LOG_FILE");
        cli.Environment["RUST_LOG"] = "warn,xai=info";
        cli.Environment["GROK_LOG_FILE"] = file;
        cli.Environment["GROK_AUTH_PROVIDER_COMMAND"] = Script(cli, $"echo '{Token}'");

        var run = await cli.RunAsync("status");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(string.Empty, run.Stderr);
        AssertLine(await File.ReadAllTextAsync(file, TestContext.Current.CancellationToken), "info", "auth: external auth provider returned fresh token");
    }

    [Fact]
    public async Task XaiGrokLogAndLogFile_WinOverRustLogAndGrokLogFile()
    {
        await using var cli = await CliHarness.StartAsync();
        var ours = Path.Combine(cli.Home.Parent, "ours.log");
        var theirs = Path.Combine(cli.Home.Parent, "theirs.log");
        cli.Environment["XAI_GROK_LOG"] = "warning";
        cli.Environment["XAI_GROK_LOG_FILE"] = ours;
        cli.Environment["RUST_LOG"] = "trace";
        cli.Environment["GROK_LOG_FILE"] = theirs;
        cli.Environment["GROK_AUTH_PROVIDER_COMMAND"] = Script(cli, "exit 1");

        await cli.RunAsync("status");

        var log = await File.ReadAllTextAsync(ours, TestContext.Current.CancellationToken);
        AssertLine(log, "warn", "auth: external auth provider failed");
        Assert.DoesNotContain("auth: running external auth provider", log, StringComparison.Ordinal);
        Assert.False(File.Exists(theirs), "GROK_LOG_FILE was written although XAI_GROK_LOG_FILE is set");
    }

    // A line of the log file: "<time> <level> [<pid>] <category>: <message>"; the message begins as the seed writes it.
    private static void AssertLine(string log, string level, string message) =>
        Assert.True(
            LogLine().Matches(log).Any(line => line.Groups["level"].Value == level && line.Groups["message"].Value.StartsWith(message, StringComparison.Ordinal)),
            $"no {level} line beginning '{message}' in:\n{log}");

    private static string Script(CliHarness cli, string body)
    {
        var path = Path.Combine(cli.Home.Parent, "provider-" + Guid.NewGuid().ToString("N")[..8] + ".sh");
        File.WriteAllText(path, "#!/bin/sh\n" + body + "\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }

    [GeneratedRegex(@"(?m)^\S+ (?<level>\w{4}) \[\d+\] XaiGrok\.Onboarding\.Provider: (?<message>.*)$")]
    private static partial Regex LogLine();
}
