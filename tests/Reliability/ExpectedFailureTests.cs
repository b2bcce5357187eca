using System.Diagnostics;
using System.Runtime.Versioning;
using XaiGrok.Onboarding.Tests.Cli;
using XaiGrok.Onboarding.Tests.Support;
using Xunit;

namespace XaiGrok.Onboarding.Tests.Reliability;

/// <summary>
/// Storage failures a person can meet and fix (an unsafe or unusable state folder, a lock file that is a folder, a
/// full disk) are expected: the CLI answers a typed <c>credential_store_error</c> and logs one line at most, never
/// "failed unexpectedly" with a stack trace.
/// </summary>
[Collection(ProcessCollection.Name)]
[SupportedOSPlatform("linux")]
public sealed class ExpectedFailureTests
{
    [Fact]
    [Trait("Category", "Reliability")]
    public async Task ExpectedStorageFailures_OneJsonResult_NoStackTrace_AtDefaultAndWarningLevel()
    {
        var checkedRuns = 0;
        string[] cases = ["folder 0777", "folder is a symlink", "folder is a file", "credential lock is a folder", "pending lock is a folder"];
        foreach (var kind in cases)
        {
            await using var cli = await CliHarness.StartAsync();
            var verb = await PlantAsync(cli, kind);
            checkedRuns += await RunBothLevelsAsync(cli, kind, verb);
        }

        Figures.Report($"expected storage failures through the CLI: {cases.Length} kinds x 2 levels = {checkedRuns} runs, credential_store_error each, 0 stack traces");
    }

    [Fact]
    [Trait("Category", "Reliability")]
    public async Task DiskFull_Start_OneJsonResult_NoStackTrace()
    {
        await using var cli = await CliHarness.StartAsync();
        var disk = Path.Combine(cli.Home.Parent, "small-disk");
        Directory.CreateDirectory(disk);
        await RunAsync("mount", "-t", "tmpfs", "-o", "size=64k,mode=0700", "tmpfs", disk);
        try
        {
            cli.Environment["XAI_GROK_HOME"] = Path.Combine(disk, "home");
            await cli.ConnectAsync();

            // Fill what is left, as another program would.
            try
            {
                await File.WriteAllBytesAsync(Path.Combine(disk, "filler"), new byte[128 * 1024], Figures.Ct);
            }
            catch (IOException)
            {
            }

            var runs = await RunBothLevelsAsync(cli, "disk full", "start");
            Figures.Report($"disk full (64 KiB tmpfs) through the CLI: start at 2 levels = {runs} runs, credential_store_error each, 0 stack traces");
        }
        finally
        {
            await RunAsync("umount", "-l", disk);
        }
    }

    /// <summary>Runs <paramref name="verb"/> at the default level and at warning level; returns the number of runs checked.</summary>
    private static async Task<int> RunBothLevelsAsync(CliHarness cli, string kind, string verb)
    {
        cli.Environment.Remove("XAI_GROK_LOG_FILE");
        cli.Environment.Remove("XAI_GROK_LOG");
        var quiet = await cli.RunAsync(verb);
        AssertExpectedFailure(quiet, kind);
        Assert.True(quiet.Stderr.Length == 0, $"{kind}: {quiet}");

        // At warning level the failure is one line on stderr, with its code and no trace.
        cli.Environment["XAI_GROK_LOG"] = "warning";
        var told = await cli.RunAsync(verb);
        AssertExpectedFailure(told, kind);
        var lines = told.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length == 1, $"{kind}: {told}");
        Assert.Contains("failed: credential_store_error", lines[0], StringComparison.Ordinal);
        return 2;
    }

    private static void AssertExpectedFailure(CliRun run, string kind)
    {
        Assert.True(run.ExitCode == 1, $"{kind}: {run}");
        var json = CliHarness.AssertOneJsonObject(run);
        Assert.False(json.GetProperty("ok").GetBoolean(), kind);
        Assert.Equal("credential_store_error", json.GetProperty("error").GetString());
        Assert.False(string.IsNullOrWhiteSpace(json.GetProperty("hint").GetString()), kind);
        CliHarness.AssertNoStackTrace(run);
        Assert.DoesNotContain("unexpected", run.Stderr, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Breaks the state folder the way <paramref name="kind"/> says; returns the verb that meets it.</summary>
    private static async Task<string> PlantAsync(CliHarness cli, string kind)
    {
        var home = cli.Home.Path;
        switch (kind)
        {
            case "folder 0777":
                Directory.CreateDirectory(home);
                File.SetUnixFileMode(home, (UnixFileMode)0x1FF);
                return "status";
            case "folder is a symlink":
                var real = Directory.CreateDirectory(Path.Combine(cli.Home.Parent, "real-home")).FullName;
                File.SetUnixFileMode(real, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
                File.CreateSymbolicLink(home, real);
                return "status";
            case "folder is a file":
                await File.WriteAllTextAsync(home, "not a folder", Figures.Ct);
                return "status";
            case "credential lock is a folder":
                await cli.ConnectAsync();
                File.Delete(Path.Combine(home, "auth.lock"));
                Directory.CreateDirectory(Path.Combine(home, "auth.lock"));
                return "refresh";
            case "pending lock is a folder":
                Directory.CreateDirectory(home);
                File.SetUnixFileMode(home, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
                Directory.CreateDirectory(Path.Combine(home, "pending.lock"));
                return "start";
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, null);
        }
    }

    private static async Task RunAsync(string program, params string[] args)
    {
        using var process = Process.Start(new ProcessStartInfo(program, args) { RedirectStandardError = true }) ?? throw new InvalidOperationException($"could not run {program}");
        var stderr = await process.StandardError.ReadToEndAsync(Figures.Ct);
        await process.WaitForExitAsync(Figures.Ct);
        Assert.True(process.ExitCode == 0, $"{program} {string.Join(' ', args)}: {stderr}");
    }
}
