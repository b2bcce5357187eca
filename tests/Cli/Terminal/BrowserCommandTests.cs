using System.Runtime.InteropServices;
using XaiGrok.Onboarding.Cli.Terminal;
using Xunit;

namespace XaiGrok.Onboarding.Tests.Cli.Terminal;

public sealed class BrowserCommandTests
{
    private static readonly Uri Url = new("https://accounts.x.ai/device?user_code=WDJB-MJHT");

    private static BrowserCommand? Find(OSPlatform platform, Dictionary<string, string> environment, params string[] installed) => BrowserCommand.Find(
        Url,
        name => environment.GetValueOrDefault(name),
        name => installed.Contains(name) ? "/usr/bin/" + name : null,
        platform);

    [Fact]
    public void Linux_WithoutADisplay_HasNoBrowser() =>
        Assert.Null(Find(OSPlatform.Linux, new() { ["BROWSER"] = "firefox" }, "xdg-open", "firefox"));

    [Fact]
    public void Linux_WithADisplay_UsesXdgOpen()
    {
        var command = Find(OSPlatform.Linux, new() { ["DISPLAY"] = ":0" }, "xdg-open");

        Assert.Equal("/usr/bin/xdg-open", command!.FileName);
        Assert.Equal([Url.AbsoluteUri], command.Arguments);
    }

    [Fact]
    public void Linux_Wayland_WithoutXdgOpen_HasNoBrowser() =>
        Assert.Null(Find(OSPlatform.Linux, new() { ["WAYLAND_DISPLAY"] = "wayland-0" }));

    [Fact]
    public void BrowserVariable_FirstInstalledEntryWins_AndTakesTheUrlWherePercentSSays()
    {
        var command = Find(OSPlatform.Linux, new() { ["DISPLAY"] = ":0", ["BROWSER"] = "missing:chromium --new-window %s:firefox" }, "chromium", "firefox", "xdg-open");

        Assert.Equal("/usr/bin/chromium", command!.FileName);
        Assert.Equal(["--new-window", Url.AbsoluteUri], command.Arguments);
    }

    [Fact]
    public void MacOs_UsesOpen_WithoutADisplayVariable()
    {
        var command = Find(OSPlatform.OSX, [], "open");

        Assert.Equal("/usr/bin/open", command!.FileName);
        Assert.Equal([Url.AbsoluteUri], command.Arguments);
    }

    [Fact]
    public void Windows_LetsTheShellPickTheBrowser()
    {
        var command = Find(OSPlatform.Windows, []);

        Assert.True(command!.ShellExecute);
        Assert.Equal(Url.AbsoluteUri, command.FileName);
    }

    [Fact]
    public void StartInfo_DetachesTheBrowserFromThisProcessesStreams_AndPassesTheUrlAsAWord()
    {
        var start = BrowserLauncher.StartInfo(new BrowserCommand("/usr/bin/xdg-open", [Url.AbsoluteUri]));

        Assert.Equal("/bin/sh", start.FileName);
        Assert.False(start.RedirectStandardOutput || start.RedirectStandardError || start.RedirectStandardInput);
        Assert.Equal(["-c", "exec \"$0\" \"$@\" </dev/null >/dev/null 2>&1", "/usr/bin/xdg-open", Url.AbsoluteUri], start.ArgumentList);
    }
}
