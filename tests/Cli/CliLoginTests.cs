using System.Diagnostics;
using Xunit;

namespace XaiGrok.Onboarding.Tests.Cli;

public sealed class CliLoginTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task LoginDeviceCode_WaitsForApprovalThenPrintsTheConnectedResult()
    {
        await using var cli = await CliHarness.StartAsync();
        using var login = Process.Start(Support.CliRunner.StartInfo(cli.Environment, "login", "--device-code"))!;
        var stdout = login.StandardOutput.ReadToEndAsync(Ct);
        var firstLine = await login.StandardError.ReadLineAsync(Ct);

        cli.Control.Approve(cli.Control.LatestUserCode!, tier: 5);
        var rest = login.StandardError.ReadToEndAsync(Ct);
        await login.WaitForExitAsync(Ct);

        var run = new Support.CliRun(login.ExitCode, await stdout, firstLine + "\n" + await rest);
        Assert.Equal(0, run.ExitCode);
        Assert.Contains(cli.Control.LatestUserCode!, firstLine!, StringComparison.Ordinal);
        Assert.Equal("connected", run.Json.GetProperty("status").GetString());
        Assert.Empty(cli.ReadPendingFiles());
    }

    [Fact]
    public async Task LoginDeviceCode_Interrupted_LeavesNoPendingSignIn()
    {
        await using var cli = await CliHarness.StartAsync();
        using var login = Process.Start(Support.CliRunner.StartInfo(cli.Environment, "login", "--device-code"))!;
        var stdout = login.StandardOutput.ReadToEndAsync(Ct);
        await login.StandardError.ReadLineAsync(Ct);
        Assert.Single(cli.ReadPendingFiles());

        // SIGINT, as Ctrl-C sends it.
        using (var interrupt = Process.Start(new ProcessStartInfo("/bin/kill", ["-INT", login.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))!)
        {
            await interrupt.WaitForExitAsync(Ct);
        }

        await login.WaitForExitAsync(Ct);
        await stdout;

        Assert.NotEqual(0, login.ExitCode);
        Assert.Empty(cli.ReadPendingFiles());
    }
}
