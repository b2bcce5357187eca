using XaiGrok.Onboarding.Cli.Terminal;
using Xunit;

namespace XaiGrok.Onboarding.Tests.Cli.Terminal;

public sealed class TerminalQrCodeTests
{
    private const string Url = "https://accounts.x.ai/device?user_code=WDJB-MJHT";

    private static readonly StderrTerminal Big = new(true, new TerminalSize(120, 50));

    [Fact]
    public void Of_DrawsTwoModulesACellWithAQuietZone()
    {
        var code = TerminalQrCode.Of(Url);

        Assert.All(code.Lines, line => Assert.Equal(code.Width, line.Length));
        Assert.All(code.Lines, line => Assert.Matches("^[█▀▄ ]+$", line));

        // A version-3 code is 29 modules, plus 4 of quiet zone each side; two modules a line.
        Assert.InRange(code.Width, 29 + 8, 41 + 8);
        Assert.Equal((code.Width + 1) / 2, code.Height);
    }

    [Fact]
    public void FitsIn_NeedsRoomForEveryColumnAndTheLinesBelow()
    {
        var code = TerminalQrCode.Of(Url);

        Assert.True(code.FitsIn(new TerminalSize(code.Width + 1, code.Height + TerminalQrCode.TextRows)));
        Assert.False(code.FitsIn(new TerminalSize(code.Width, 100)), "a line as wide as the terminal wraps");
        Assert.False(code.FitsIn(new TerminalSize(200, code.Height + TerminalQrCode.TextRows - 1)), "the code would push the URL off screen");
        Assert.True(code.FitsIn(new TerminalSize(80, 24)), "a classic 80x24 terminal shows the code of a URL this long");
    }

    [Fact]
    public void ForTerminal_BigEnough_GivesTheCode() =>
        Assert.NotNull(TerminalQrCode.ForTerminal(Url, Big, wanted: true));

    [Fact]
    public void ForTerminal_TurnedOff_GivesNone() =>
        Assert.Null(TerminalQrCode.ForTerminal(Url, Big, wanted: false));

    [Fact]
    public void ForTerminal_NotATerminal_GivesNone() =>
        Assert.Null(TerminalQrCode.ForTerminal(Url, StderrTerminal.NotATerminal, wanted: true));

    [Fact]
    public void ForTerminal_UnknownSize_GivesNone() =>
        Assert.Null(TerminalQrCode.ForTerminal(Url, new StderrTerminal(true, null), wanted: true));

    [Fact]
    public void ForTerminal_TooSmall_GivesNone() =>
        Assert.Null(TerminalQrCode.ForTerminal(Url, new StderrTerminal(true, new TerminalSize(36, 50)), wanted: true));

    [Fact]
    public void StderrTerminal_For_AnyOtherWriter_IsNotATerminal() =>
        Assert.Same(StderrTerminal.NotATerminal, StderrTerminal.For(new StringWriter()));
}
