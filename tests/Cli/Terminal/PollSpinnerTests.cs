using XaiGrok.Onboarding.Cli.Terminal;
using XaiGrok.Onboarding.Tests.Support;
using Xunit;

namespace XaiGrok.Onboarding.Tests.Cli.Terminal;

/// <summary>The spinner's line on a fake clock: each test gets its own stderr and clock (xunit makes an instance a test).</summary>
public sealed class PollSpinnerTests
{
    private readonly StringWriter output = new();
    private readonly WatchedFakeTimeProvider clock = new();

    private string Screen => output.ToString();

    [Fact]
    public void Report_DrawsOneLineWithTheFrameTheCodesTimeAndTheNextCheck()
    {
        using var spinner = new PollSpinner(output, clock, new TerminalSize(120, 40));

        spinner.Report(new PollProgress(5, TimeSpan.FromSeconds(900), null));

        Assert.Equal("\r⠋ Waiting for approval · code valid 15:00 · next check in 5 s", Screen);
    }

    [Fact]
    public void Tick_OnTheInjectedClock_TurnsTheFrameAndCountsDown()
    {
        using var spinner = Reported(TimeSpan.FromSeconds(900));

        clock.Advance(PollSpinner.Tick);
        Assert.EndsWith("\r⠙ Waiting for approval · code valid 14:59 · next check in 5 s", Screen, StringComparison.Ordinal);

        clock.Advance(TimeSpan.FromSeconds(1) - PollSpinner.Tick);
        Assert.EndsWith("\r⠋ Waiting for approval · code valid 14:59 · next check in 4 s", Screen, StringComparison.Ordinal);

        clock.Advance(TimeSpan.FromSeconds(4));
        Assert.EndsWith("code valid 14:55 · checking", Screen.TrimEnd(' '), StringComparison.Ordinal);
        Assert.DoesNotContain('\n', Screen);
    }

    [Fact]
    public void Report_AfterAPoll_RestartsTheNextCheckAndShowsAFailedCheck()
    {
        using var spinner = Reported(TimeSpan.FromSeconds(600));
        clock.Advance(TimeSpan.FromSeconds(5));

        spinner.Report(new PollProgress(10, TimeSpan.FromSeconds(595), "network_error"));

        Assert.EndsWith("code valid 09:55 · next check in 10 s · last check: network_error", Screen, StringComparison.Ordinal);
    }

    [Fact]
    public void ShorterLine_OverwritesTheRestOfTheLongerOne()
    {
        using var spinner = Reported(TimeSpan.FromSeconds(600), "upstream_unavailable");
        var longer = Screen.Length - 1;
        output.GetStringBuilder().Clear();

        spinner.Report(new PollProgress(5, TimeSpan.FromSeconds(600), null));

        const string Shorter = "⠋ Waiting for approval · code valid 10:00 · next check in 5 s";
        Assert.Equal("\r" + Shorter + new string(' ', longer - Shorter.Length), Screen);
    }

    [Fact]
    public void Line_IsCutToTheTerminalWidth_SoItNeverWraps()
    {
        using var spinner = new PollSpinner(output, clock, new TerminalSize(30, 10));

        spinner.Report(new PollProgress(5, TimeSpan.FromSeconds(600), null));

        Assert.Equal("\r⠋ Waiting for approval · code", Screen);
    }

    [Fact]
    public void Dispose_BlanksTheLineAndStopsTheTimer()
    {
        var spinner = Reported(TimeSpan.FromSeconds(600));
        var drawn = Screen.Length - 1;

        spinner.Dispose();
        var afterDispose = Screen;
        clock.Advance(TimeSpan.FromSeconds(10));
        spinner.Report(new PollProgress(5, TimeSpan.FromSeconds(600), null));

        Assert.EndsWith("\r" + new string(' ', drawn) + "\r", afterDispose, StringComparison.Ordinal);
        Assert.Equal(afterDispose, Screen);
        Assert.Equal(0, clock.ActiveTimers);
    }

    [Fact]
    public void Dispose_BeforeAnyReport_PrintsNothing()
    {
        new PollSpinner(output, clock, null).Dispose();

        Assert.Empty(Screen);
    }

    [Theory]
    [InlineData(0, "00:00")]
    [InlineData(59.9, "00:59")]
    [InlineData(900, "15:00")]
    [InlineData(5400, "90:00")]
    [InlineData(-3, "00:00")]
    public void Clock_IsMinutesAndSecondsLeft(double seconds, string expected) =>
        Assert.Equal(expected, SpinnerLine.Clock(TimeSpan.FromSeconds(seconds)));

    /// <summary>A spinner of unknown width after its first report: next check in 5 s.</summary>
    private PollSpinner Reported(TimeSpan codeValidFor, string? lastError = null)
    {
        var spinner = new PollSpinner(output, clock, null);
        spinner.Report(new PollProgress(5, codeValidFor, lastError));
        return spinner;
    }
}
