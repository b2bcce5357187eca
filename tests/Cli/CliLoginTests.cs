using System.Diagnostics;
using System.Text.RegularExpressions;
using XaiGrok.Onboarding.Tests.Support;
using Xunit;

namespace XaiGrok.Onboarding.Tests.Cli;

/// <summary>
/// <c>login</c> as a real subprocess against the emulator (1 s interval): the JSON an agent asks for with <c>--json</c>,
/// the summary a person reads, the QR code and spinner drawn only in a terminal, and Ctrl-C. No test opens a browser
/// (CliRunner removes DISPLAY and BROWSER, and the terminal tests pass <c>--no-browser</c> too).
/// </summary>
public sealed partial class CliLoginTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task LoginJson_WaitsForApprovalThenPrintsTheConnectedResult()
    {
        await using var cli = await CliHarness.StartAsync();

        var (run, firstLine) = await LoginAsync(cli, code => cli.Control.Approve(code, tier: 5), "login", "--device-code", "--json");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains(cli.Control.LatestUserCode!, firstLine, StringComparison.Ordinal);
        var json = CliHarness.AssertOneJsonObject(run);
        Assert.Equal("connected", json.GetProperty("status").GetString());
        Assert.Equal("SuperGrok Heavy", json.GetProperty("subscription").GetString());
        Assert.Empty(cli.ReadPendingFiles());
        cli.AssertNoSecretsLeaked();
    }

    [Fact]
    public async Task Login_ForAPerson_EndsWithASummaryOfTheSubscriptionAndModels()
    {
        await using var cli = await CliHarness.StartAsync();

        var (run, _) = await LoginAsync(cli, code => cli.Control.Approve(code, tier: 4), "login");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.StartsWith("Connected to xAI: X Premium+ subscription (tier 4).", run.Stdout, StringComparison.Ordinal);
        Assert.Matches(@"\d+ chat models:\n  xai-grok/grok-4\.3\n", run.Stdout);
        Assert.Contains("xai-grok-onboarding chat -m \"Hello\"", run.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("{", run.Stdout, StringComparison.Ordinal);

        // stderr is a pipe here, not a terminal: plain lines, no spinner, no QR code.
        Assert.Contains("Waiting for approval... next check in", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain('\r', run.Stderr);
        Assert.DoesNotContain("scan this", run.Stderr, StringComparison.Ordinal);
        Assert.Empty(cli.ReadPendingFiles());
        cli.AssertNoSecretsLeaked();
    }

    [Fact]
    public async Task Login_Denied_SaysTheErrorTheDetailAndWhatToDo_AndExitsOne()
    {
        await using var cli = await CliHarness.StartAsync();

        var (run, _) = await LoginAsync(cli, cli.Control.Deny, "login", "--no-qr", "--no-browser");

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.StartsWith("Sign-in failed (access_denied): ", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("\nWhat to do: ", run.Stdout, StringComparison.Ordinal);
        CliHarness.AssertNoStackTrace(run);
        Assert.Empty(cli.ReadPendingFiles());
    }

    [Fact]
    public async Task LoginJson_Denied_IsTheOneJsonFailure()
    {
        await using var cli = await CliHarness.StartAsync();

        var (run, _) = await LoginAsync(cli, cli.Control.Deny, "login", "--json", "--no-qr", "--no-browser");

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Equal("access_denied", CliHarness.AssertOneJsonObject(run).GetProperty("error").GetString());
    }

    [Fact]
    public async Task LoginDeviceCode_Interrupted_LeavesNoPendingSignIn()
    {
        await using var cli = await CliHarness.StartAsync();
        using var login = Process.Start(CliRunner.InterruptibleStartInfo(cli.Environment, "login", "--device-code", "--json"))!;
        var stdout = login.StandardOutput.ReadToEndAsync(Ct);
        await login.StandardError.ReadLineAsync(Ct);
        Assert.Single(cli.ReadPendingFiles());

        // SIGINT, as Ctrl-C sends it.
        using (var interrupt = Process.Start(new ProcessStartInfo("/bin/kill", ["-INT", login.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))!)
        {
            await interrupt.WaitForExitAsync(Ct);
        }

        // A CLI that missed the signal would poll until the code expires: fail in a minute instead.
        using (var limit = CancellationTokenSource.CreateLinkedTokenSource(Ct))
        {
            limit.CancelAfter(TimeSpan.FromSeconds(60));
            try
            {
                await login.WaitForExitAsync(limit.Token);
            }
            catch (OperationCanceledException) when (!Ct.IsCancellationRequested)
            {
                login.Kill(entireProcessTree: true);
                Assert.Fail("the CLI did not exit within 60 s of SIGINT");
            }
        }

        await stdout;

        Assert.Equal(130, login.ExitCode);
        Assert.Empty(cli.ReadPendingFiles());
    }

    [Fact]
    public async Task LoginInATerminal_DrawsTheQrCodeAndASpinner_ThenClearsItForTheSummary()
    {
        await using var cli = await CliHarness.StartAsync();
        using var terminal = PseudoTerminal.Start(cli.Environment, columns: 120, rows: 50, "login", "--no-browser");

        // The spinner has turned at least once (two frames drawn over each other with \r) before the person approves.
        await terminal.WaitForAsync(screen => Spinner().Matches(screen).Count >= 2, "the spinner");
        cli.Control.Approve(cli.Control.LatestUserCode!, tier: 5);
        var run = await terminal.WaitForExitAsync();
        cli.Record(run);

        Assert.True(run.ExitCode == 0, run.ToString());
        var screen = run.Stdout;
        var url = Regex.Match(screen, @"Open (?<url>\S+) and approve the code").Groups["url"].Value;
        Assert.Contains("user_code=" + cli.Control.LatestUserCode, url, StringComparison.Ordinal);
        Assert.Contains("Or scan this with your phone:", screen, StringComparison.Ordinal);
        Assert.True(QrLine().Matches(screen).Count >= 15, $"no QR code block:\n{screen}");
        Assert.Matches(@"\r⠋ Waiting for approval · code valid \d\d:\d\d · ", screen);

        // The spinner's line is blanked, then the summary starts at the beginning of the line.
        Assert.Matches(@"\r +\rConnected to xAI: SuperGrok Heavy subscription \(tier 5\)\.", screen);
        Assert.Empty(cli.ReadPendingFiles());
        cli.AssertNoSecretsLeaked();
    }

    [Fact]
    public async Task LoginInATerminal_NoQr_CtrlC_ClearsTheSpinnerSaysCancelledAndLeavesNothingPending()
    {
        await using var cli = await CliHarness.StartAsync();
        using var terminal = PseudoTerminal.Start(cli.Environment, columns: 120, rows: 50, "login", "--no-qr", "--no-browser");
        await terminal.WaitForAsync(screen => Spinner().IsMatch(screen), "the spinner");
        Assert.Single(cli.ReadPendingFiles());

        await terminal.InterruptAsync();
        var run = await terminal.WaitForExitAsync();
        cli.Record(run);

        Assert.Equal(130, run.ExitCode);
        Assert.DoesNotContain("scan this", run.Stdout, StringComparison.Ordinal);
        Assert.Matches(@"\r +\rcancelled\r?\n$", run.Stdout);
        CliHarness.AssertNoStackTrace(run);
        Assert.Empty(cli.ReadPendingFiles());
        cli.AssertNoSecretsLeaked();
    }

    [Fact]
    public async Task LoginInATerminalTooSmallForTheCode_PrintsTheUrlWithoutIt()
    {
        await using var cli = await CliHarness.StartAsync();
        using var terminal = PseudoTerminal.Start(cli.Environment, columns: 30, rows: 50, "login", "--no-browser");
        await terminal.WaitForAsync(screen => Spinner().IsMatch(screen), "the spinner");
        cli.Control.Approve(cli.Control.LatestUserCode!, tier: 5);
        var run = await terminal.WaitForExitAsync();
        cli.Record(run);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("user_code=" + cli.Control.LatestUserCode, run.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("scan this", run.Stdout, StringComparison.Ordinal);
        Assert.Empty(QrLine().Matches(run.Stdout));
    }

    /// <summary>
    /// Runs login with pipes; once its first stderr line (the code and URL) is out, the person acts on the code
    /// (<paramref name="person"/>: approve or deny). Returns the run (recorded for the secret scan) and that first line.
    /// </summary>
    private static async Task<(CliRun Run, string FirstLine)> LoginAsync(CliHarness cli, Action<string> person, params string[] args)
    {
        using var login = Process.Start(CliRunner.StartInfo(cli.Environment, args)) ?? throw new InvalidOperationException("could not start the CLI");
        var stdout = login.StandardOutput.ReadToEndAsync(Ct);
        var firstLine = await login.StandardError.ReadLineAsync(Ct) ?? "";
        person(cli.Control.LatestUserCode!);
        var rest = await login.StandardError.ReadToEndAsync(Ct);
        await login.WaitForExitAsync(Ct);
        var run = new CliRun(login.ExitCode, await stdout, firstLine + "\n" + rest);
        cli.Record(run);
        return (run, firstLine);
    }

    [GeneratedRegex(@"\r[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] Waiting for approval")]
    private static partial Regex Spinner();

    // A line of the QR code: half blocks and spaces only, wider than a version-1 code with its quiet zone.
    [GeneratedRegex(@"(?m)^[█▀▄ ]{29,}\r?$")]
    private static partial Regex QrLine();
}
