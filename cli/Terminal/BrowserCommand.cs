using System.Runtime.InteropServices;

namespace XaiGrok.Onboarding.Cli.Terminal;

/// <summary>
/// The program that opens a URL in the person's browser, chosen from the environment: <c>BROWSER</c> or
/// <c>xdg-open</c> when a desktop session is there (<c>DISPLAY</c>, <c>WAYLAND_DISPLAY</c>), <c>open</c> on macOS, the
/// shell on Windows. None over SSH or in a container: a text browser must never take over the terminal.
/// </summary>
/// <param name="FileName">The program (or, with <paramref name="ShellExecute"/>, the URL itself).</param>
/// <param name="Arguments">Its arguments, the URL among them.</param>
/// <param name="ShellExecute">Let the operating system pick the browser (Windows).</param>
internal sealed record BrowserCommand(string FileName, IReadOnlyList<string> Arguments, bool ShellExecute = false)
{
    public static BrowserCommand? Find(Uri url, Func<string, string?> environment, Func<string, string?> resolve, OSPlatform platform)
    {
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(resolve);
        var address = url.AbsoluteUri;
        if (platform == OSPlatform.Windows)
        {
            return new BrowserCommand(address, [], ShellExecute: true);
        }

        var desktop = platform == OSPlatform.OSX || !string.IsNullOrEmpty(environment("DISPLAY")) || !string.IsNullOrEmpty(environment("WAYLAND_DISPLAY"));
        if (!desktop)
        {
            return null;
        }

        if (FromBrowserVariable(environment("BROWSER"), address, resolve) is { } chosen)
        {
            return chosen;
        }

        var opener = resolve(platform == OSPlatform.OSX ? "open" : "xdg-open");
        return opener is null ? null : new BrowserCommand(opener, [address]);
    }

    /// <summary>
    /// <c>BROWSER</c> as xdg-utils reads it: a <c>:</c>-separated list of commands, <c>%s</c> standing for the URL (else it
    /// goes last). The first command found is used; words are split on spaces, never given to a shell.
    /// </summary>
    private static BrowserCommand? FromBrowserVariable(string? variable, string address, Func<string, string?> resolve)
    {
        foreach (var entry in (variable ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var words = entry.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (resolve(words[0]) is not { } program)
            {
                continue;
            }

            var arguments = words.Skip(1).Select(word => word.Replace("%s", address, StringComparison.Ordinal)).ToList();
            if (!entry.Contains("%s", StringComparison.Ordinal))
            {
                arguments.Add(address);
            }

            return new BrowserCommand(program, arguments);
        }

        return null;
    }
}
