using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using XaiGrok.Onboarding.Tests.Support;
using Xunit;

namespace XaiGrok.Onboarding.Tests.Cli;

/// <summary>
/// The CLI in a terminal, as a person runs it: util-linux <c>script</c> gives it a pseudo-terminal (stdout and stderr
/// both on it, sized with <c>stty</c>) and copies what it draws to a pipe this class reads as it comes. The shell
/// prints its pid before it execs the CLI, so a test can send the CLI a signal as Ctrl-C would (SIGINT reset to its
/// default first: a test run started from a background job would hand it down ignored).
/// </summary>
internal sealed partial class PseudoTerminal : IDisposable
{
    private readonly Process process;
    private readonly StringBuilder screen = new();
    private readonly Lock gate = new();
    private readonly Task reading;

    private PseudoTerminal(Process process)
    {
        this.process = process;
        reading = ReadAsync();
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Everything written to the terminal so far, control characters included.</summary>
    public string Output
    {
        get
        {
            lock (gate)
            {
                return screen.ToString();
            }
        }
    }

    public static PseudoTerminal Start(IReadOnlyDictionary<string, string> environment, int columns, int rows, params string[] args)
    {
        var info = CliRunner.StartInfo(environment, args);
        var words = info.ArgumentList.Select(Quote).ToArray(); // the CLI's dll, then the verb and its options
        info.FileName = "/usr/bin/script";
        info.ArgumentList.Clear();
        info.ArgumentList.Add("-qec");
        info.ArgumentList.Add(string.Create(CultureInfo.InvariantCulture, $"stty cols {columns} rows {rows}; echo pid=$$; exec env --default-signal=INT dotnet {string.Join(' ', words)}"));
        info.ArgumentList.Add("/dev/null");
        info.Environment["TERM"] = "xterm";
        return new PseudoTerminal(Process.Start(info) ?? throw new InvalidOperationException("could not start script"));
    }

    /// <summary>Waits until the terminal shows what <paramref name="shown"/> looks for (30 s at most).</summary>
    public async Task WaitForAsync(Func<string, bool> shown, string what)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        while (!shown(Output))
        {
            Assert.False(timeout.IsCancellationRequested || process.HasExited, $"the terminal never showed {what}:\n{Output}");
            await Task.Delay(20, CancellationToken.None);
        }
    }

    /// <summary>Sends SIGINT to the CLI, as Ctrl-C does.</summary>
    public async Task InterruptAsync()
    {
        await WaitForAsync(text => Pid().IsMatch(text), "the CLI's pid");
        var pid = Pid().Match(Output).Groups["pid"].Value;
        using var kill = Process.Start(new ProcessStartInfo("/bin/kill", ["-INT", pid])) ?? throw new InvalidOperationException("could not start kill");
        await kill.WaitForExitAsync(Ct);
    }

    /// <summary>The finished run: its exit code and the whole terminal as stdout (stderr shares the terminal).</summary>
    public async Task<CliRun> WaitForExitAsync()
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        await reading;
        return new CliRun(process.ExitCode, Output, "");
    }

    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        process.Dispose();
    }

    private static string Quote(string word) => "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    private async Task ReadAsync()
    {
        var buffer = new char[4096];
        int read;
        while ((read = await process.StandardOutput.ReadAsync(buffer, CancellationToken.None)) > 0)
        {
            lock (gate)
            {
                screen.Append(buffer, 0, read);
            }
        }
    }

    [GeneratedRegex(@"pid=(?<pid>\d+)")]
    private static partial Regex Pid();
}
