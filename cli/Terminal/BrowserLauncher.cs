using System.ComponentModel;
using System.Diagnostics;
using System.Runtime.InteropServices;

namespace XaiGrok.Onboarding.Cli.Terminal;

/// <summary>
/// Opens a URL in the browser when there is one, without waiting for it: a sign-in never fails, nor blocks, because
/// no browser opened (the URL and the code are printed anyway).
/// </summary>
internal static class BrowserLauncher
{
    // The browser outlives this process: its output goes to /dev/null, not to pipes this process would close (SIGPIPE)
    // nor to the terminal the spinner is drawing on. "$0" "$@" pass the program and the URL as words, never as script.
    private const string Detached = "exec \"$0\" \"$@\" </dev/null >/dev/null 2>&1";

    /// <summary>Whether this session has a browser to open (a desktop, or a platform that always has one).</summary>
    public static bool CanOpen() =>
        BrowserCommand.Find(new Uri("https://auth.x.ai/"), Environment.GetEnvironmentVariable, FindProgram, CurrentPlatform()) is not null;

    public static bool TryOpen(Uri url)
    {
        var command = BrowserCommand.Find(url, Environment.GetEnvironmentVariable, FindProgram, CurrentPlatform());
        if (command is null)
        {
            return false;
        }

        try
        {
            using var process = Process.Start(StartInfo(command));
            return process is not null;
        }
        catch (Exception e) when (e is Win32Exception or InvalidOperationException or PlatformNotSupportedException)
        {
            return false;
        }
    }

    internal static ProcessStartInfo StartInfo(BrowserCommand command)
    {
        if (command.ShellExecute)
        {
            return new ProcessStartInfo(command.FileName) { UseShellExecute = true };
        }

        return new ProcessStartInfo("/bin/sh", ["-c", Detached, command.FileName, .. command.Arguments]) { UseShellExecute = false };
    }

    /// <summary>The full path of a program (a name looked up on PATH, or a path), when it exists.</summary>
    internal static string? FindProgram(string name)
    {
        if (name.Contains('/', StringComparison.Ordinal))
        {
            return File.Exists(name) ? name : null;
        }

        return (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, name))
            .FirstOrDefault(File.Exists);
    }

    private static OSPlatform CurrentPlatform() =>
        OperatingSystem.IsWindows() ? OSPlatform.Windows : OperatingSystem.IsMacOS() ? OSPlatform.OSX : OSPlatform.Linux;
}
