using System.Runtime.Versioning;
using XaiGrok.Emulator;
using XaiGrok.Onboarding.Tests.Cli;
using Xunit;

namespace XaiGrok.Onboarding.Tests.Reliability;

/// <summary>
/// The CLI halves of the hostile-input, secret and file-mode checks: real processes, so they queue with the other
/// process-level tests instead of competing with them for the two cores.
/// </summary>
[Collection(ProcessCollection.Name)]
[SupportedOSPlatform("linux")]
public sealed class CliProcessTests
{
    private const UnixFileMode Folder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode PrivateFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    [Fact]
    [Trait("Category", "Reliability")]
    public async Task CliStatus_BrokenAuthFiles_PrintOneJsonObject_NoStackTrace()
    {
        await using var cli = await CliHarness.StartAsync();
        await cli.ConnectAsync();
        var valid = File.ReadAllBytes(cli.Home.AuthFile);
        string[] kinds = ["empty", "truncated", "invalid UTF-8", "100 MiB sparse", "directory", "deep nesting"];
        foreach (var kind in kinds)
        {
            if (Directory.Exists(cli.Home.AuthFile))
            {
                Directory.Delete(cli.Home.AuthFile);
            }

            File.WriteAllBytes(cli.Home.AuthFile, valid);
            File.SetUnixFileMode(cli.Home.AuthFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            HostileInputTests.Plant(cli.Home.AuthFile, kind);

            var run = await cli.RunAsync("status");

            Assert.True(run.ExitCode == 0, $"{kind}: {run}");
            var json = CliHarness.AssertOneJsonObject(run);
            Assert.False(json.GetProperty("connected").GetBoolean(), kind);
            Assert.Contains("Sign in again", run.Stdout, StringComparison.OrdinalIgnoreCase);
            CliHarness.AssertNoStackTrace(run);
        }

        cli.AssertNoSecretsLeaked();
        Figures.Report($"broken auth.json through the CLI: {kinds.Length} kinds, each one JSON object, exit 0, no stack trace");
    }

    [Fact]
    [Trait("Category", "Reliability")]
    public async Task EndToEndCli_NoSecretInStdoutOrStderr()
    {
        await using var cli = await CliHarness.StartAsync();
        var start = await cli.RunAsync("start");
        _ = await cli.RunAsync("poll"); // pending (too early)
        cli.Control.Approve(start.Json.GetProperty("user_code").GetString()!, 5);
        await CliHarness.WaitPollIntervalAsync();
        Assert.Equal(0, (await cli.RunAsync("poll")).ExitCode);
        _ = await cli.RunAsync("status");
        _ = await cli.RunAsync("refresh");
        _ = await cli.RunAsync("models", "--force");
        _ = await cli.RunAsync("chat", "-m", "hello");
        _ = await cli.RunAsync("chat", "-m", "hello", "--stream");
        cli.Control.AddFault(new EmulatorFault("/oauth2/token") { Status = 500, Count = 4 });
        _ = await cli.RunAsync("refresh");
        cli.Control.AddFault(new EmulatorFault("/oauth2/token") { ProcessThenDrop = true });
        _ = await cli.RunAsync("refresh");
        _ = await cli.RunAsync("refresh"); // reauth_required
        _ = await cli.RunAsync("status");
        _ = await cli.RunAsync("chat", "-m", "hello");
        _ = await cli.RunAsync("logout");
        _ = await cli.RunAsync("status");

        cli.AssertNoSecretsLeaked();
        Assert.Contains(cli.SecretLabels, label => label.StartsWith("refresh_token", StringComparison.Ordinal));
        Assert.Contains(cli.SecretLabels, label => label.StartsWith("device_code", StringComparison.Ordinal));
        Figures.Report($"secrets through the CLI: {cli.SecretLabels.Count} canaries x {cli.Runs.Count} runs (stdout+stderr): 0 found");
    }

    [Fact]
    [Trait("Category", "Reliability")]
    public async Task UnderUmask000_EveryVerb_LeavesFolder0700_AndEveryFile0600()
    {
        await using var cli = await CliHarness.StartAsync();
        var start = await cli.RunUnderUmask000Async("start");
        Assert.True(File.Exists(cli.UmaskProbe));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.OtherRead | UnixFileMode.OtherWrite, File.GetUnixFileMode(cli.UmaskProbe));
        cli.Control.Approve(start.Json.GetProperty("user_code").GetString()!, 4);
        await CliHarness.WaitPollIntervalAsync();
        Assert.Equal(0, (await cli.RunUnderUmask000Async("poll")).ExitCode);
        Assert.Equal(0, (await cli.RunUnderUmask000Async("refresh")).ExitCode);
        Assert.Equal(0, (await cli.RunUnderUmask000Async("models", "--force")).ExitCode);
        Assert.Equal(0, (await cli.RunUnderUmask000Async("use-model", "grok-4.3")).ExitCode);

        Assert.Equal(Folder, File.GetUnixFileMode(cli.Home.Path));
        var files = Directory.GetFiles(cli.Home.Path, "*", new EnumerationOptions { AttributesToSkip = 0 });
        Assert.NotEmpty(files);
        Assert.All(files, file => Assert.True(File.GetUnixFileMode(file) == PrivateFile, $"{Path.GetFileName(file)} is {File.GetUnixFileMode(file)}"));
        Figures.Report($"umask 000: folder 0700, {files.Length} files all 0600 ({string.Join(", ", files.Select(Path.GetFileName))})");
    }
}
