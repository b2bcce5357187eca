using System.Runtime.Versioning;
using Xunit;

namespace XaiGrok.Onboarding.Tests.Cli;

/// <summary>The state folder holds credentials: 0700 for the folder, 0600 for every file, whatever the umask.</summary>
[SupportedOSPlatform("linux")]
public sealed class CliFileModeTests
{
    private const UnixFileMode Folder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode PrivateFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    [Fact]
    public async Task AfterConnect_HomeIs0700_AndAuthFileIs0600()
    {
        await using var cli = await CliHarness.StartAsync();

        await cli.ConnectAsync();

        Assert.Equal(Folder, File.GetUnixFileMode(cli.Home.Path));
        Assert.Equal(PrivateFile, File.GetUnixFileMode(cli.Home.AuthFile));
        AssertEveryFileIsPrivate(cli.Home.Path);
        cli.AssertNoSecretsLeaked();
    }

    [Fact]
    public async Task UnderUmask000_HomeIs0700_PendingAndAuthFilesAre0600()
    {
        await using var cli = await CliHarness.StartAsync();

        var start = await cli.RunUnderUmask000Async("start");
        Assert.True(start.ExitCode == 0, start.ToString());

        // The probe, created by the same shell just before exec, proves the umask really was 000.
        Assert.Equal(
            PrivateFile | UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.OtherRead | UnixFileMode.OtherWrite,
            File.GetUnixFileMode(cli.UmaskProbe));
        Assert.Equal(Folder, File.GetUnixFileMode(cli.Home.Path));
        Assert.Single(cli.ReadPendingFiles());
        AssertEveryFileIsPrivate(cli.Home.Path);

        cli.Control.Approve(start.Json.GetProperty("user_code").GetString()!, tier: 5);
        await CliHarness.WaitPollIntervalAsync();
        var poll = await cli.RunUnderUmask000Async("poll");
        Assert.True(poll.ExitCode == 0, poll.ToString());
        Assert.Equal("connected", poll.Json.GetProperty("status").GetString());

        var refresh = await cli.RunUnderUmask000Async("refresh");
        Assert.True(refresh.ExitCode == 0, refresh.ToString());

        Assert.Equal(Folder, File.GetUnixFileMode(cli.Home.Path));
        Assert.Equal(PrivateFile, File.GetUnixFileMode(cli.Home.AuthFile));
        AssertEveryFileIsPrivate(cli.Home.Path);
        cli.AssertNoSecretsLeaked();
    }

    private static void AssertEveryFileIsPrivate(string home)
    {
        foreach (var file in Directory.EnumerateFiles(home))
        {
            var mode = File.GetUnixFileMode(file);
            Assert.True(
                (mode & ~PrivateFile) == 0,
                $"{Path.GetFileName(file)} has mode {Convert.ToString((int)mode, 8)}; expected no more than 0600");
        }
    }
}
