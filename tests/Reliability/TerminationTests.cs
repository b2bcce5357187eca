using System.Diagnostics;
using System.Globalization;
using System.Runtime.Versioning;
using XaiGrok.Emulator;
using XaiGrok.Onboarding.Tests.Cli;
using XaiGrok.Onboarding.Tests.Support;
using Xunit;

namespace XaiGrok.Onboarding.Tests.Reliability;

/// <summary>
/// SIGTERM (what a service manager, a container runtime or <c>timeout</c> sends) ends any verb within 5 s: the verb
/// is cancelled as by Ctrl-C, exits 143 with one JSON result, and leaves the state folder consistent.
/// </summary>
[Collection(ProcessCollection.Name)]
[SupportedOSPlatform("linux")]
public sealed class TerminationTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(5);

    [Fact]
    [Trait("Category", "Reliability")]
    public async Task Sigterm_LoginWaitingForApproval_Exits143WithinFiveSeconds_NothingPending()
    {
        await using var cli = await CliHarness.StartAsync();
        using var login = Process.Start(CliRunner.StartInfo(cli.Environment, "login", "--device-code", "--json"))!;
        var stdout = login.StandardOutput.ReadToEndAsync(Figures.Ct);

        // The first stderr line shows the code: login is now waiting for the person.
        var shown = await login.StandardError.ReadLineAsync(Figures.Ct) ?? "";
        var stderr = login.StandardError.ReadToEndAsync(Figures.Ct);
        Assert.Single(cli.ReadPendingFiles());

        var elapsed = await TerminateAsync(login);
        var run = new CliRun(login.ExitCode, await stdout, shown + "\n" + await stderr);
        cli.Record(run);

        AssertTerminated(run, elapsed);
        Assert.Empty(cli.ReadPendingFiles());
        Assert.False(File.Exists(cli.Home.AuthFile));
        cli.AssertNoSecretsLeaked();
        Figures.Report(string.Create(CultureInfo.InvariantCulture, $"SIGTERM to login waiting for approval: exit 143 after {elapsed.TotalMilliseconds:0} ms, nothing pending"));
    }

    [Fact]
    [Trait("Category", "Reliability")]
    public async Task Sigterm_ChatOnAServerThatHoldsTheRequest_Exits143WithinFiveSeconds_SessionIntact()
    {
        await using var cli = await CliHarness.StartAsync();
        await cli.ConnectAsync();
        var before = await File.ReadAllBytesAsync(cli.Home.AuthFile, Figures.Ct);
        cli.Control.ResetCounters();
        cli.Control.AddFault(new EmulatorFault("/v1/chat/completions") { DelayMilliseconds = 120_000 });
        using var chat = Process.Start(CliRunner.StartInfo(cli.Environment, "chat", "-m", "hello"))!;
        var stdout = chat.StandardOutput.ReadToEndAsync(Figures.Ct);
        var stderr = chat.StandardError.ReadToEndAsync(Figures.Ct);

        // The emulator counts the request before holding it: from then on the CLI is waiting for an answer.
        await Eventually.WaitUntilAsync(() => cli.Control.Count("/v1/chat/completions") > 0 || chat.HasExited, "the chat request");
        var elapsed = await TerminateAsync(chat);
        var run = new CliRun(chat.ExitCode, await stdout, await stderr);
        cli.Record(run);

        AssertTerminated(run, elapsed);
        Assert.Equal(before, await File.ReadAllBytesAsync(cli.Home.AuthFile, Figures.Ct));
        var status = await cli.RunAsync("status");
        Assert.True(status.Json.GetProperty("connected").GetBoolean(), status.ToString());
        Assert.Equal(0, cli.Control.RefreshTokenReuseCount);
        cli.AssertNoSecretsLeaked();
        Figures.Report(string.Create(CultureInfo.InvariantCulture, $"SIGTERM to chat on a held-open server: exit 143 after {elapsed.TotalMilliseconds:0} ms, session intact"));
    }

    [Fact]
    [Trait("Category", "Reliability")]
    public async Task Sigterm_ChatReadingAStdinThatStaysOpen_IsEndedWithinFiveSeconds_SessionIntact()
    {
        await using var cli = await CliHarness.StartAsync();
        await cli.ConnectAsync();
        var before = await File.ReadAllBytesAsync(cli.Home.AuthFile, Figures.Ct);

        // The messages come on stdin, which the test keeps open: a read that no cancellation interrupts.
        using var chat = Process.Start(CliRunner.StartInfo(cli.Environment, "chat"))!;
        var stdout = chat.StandardOutput.ReadToEndAsync(Figures.Ct);
        var stderr = chat.StandardError.ReadToEndAsync(Figures.Ct);
        await Eventually.WaitUntilAsync(() => ReadsStandardInput(chat) || chat.HasExited, "the read of stdin");
        var elapsed = await TerminateAsync(chat);
        var run = new CliRun(chat.ExitCode, await stdout, await stderr);
        cli.Record(run);

        AssertTerminated(run, elapsed);
        Assert.Contains("did not end within", run.Stdout, StringComparison.Ordinal);
        Assert.Equal(before, await File.ReadAllBytesAsync(cli.Home.AuthFile, Figures.Ct));
        var status = await cli.RunAsync("status");
        Assert.True(status.Json.GetProperty("connected").GetBoolean(), status.ToString());
        cli.AssertNoSecretsLeaked();
        Figures.Report(string.Create(CultureInfo.InvariantCulture, $"SIGTERM to chat blocked reading an open stdin: ended with exit 143 after {elapsed.TotalMilliseconds:0} ms, session intact"));
    }

    private static void AssertTerminated(CliRun run, TimeSpan elapsed)
    {
        Assert.True(elapsed < Bound, $"exited {elapsed.TotalSeconds:0.0} s after SIGTERM\n{run}");
        Assert.True(run.ExitCode == 143, run.ToString());
        var json = CliHarness.AssertOneJsonObject(run);
        Assert.False(json.GetProperty("ok").GetBoolean());
        Assert.Equal("terminated", json.GetProperty("error").GetString());
        CliHarness.AssertNoStackTrace(run);
    }

    [Fact]
    [Trait("Category", "Reliability")]
    public async Task Sigterm_RefreshWhoseAnswerArrivesAfterTheSignal_Exits143WithinFiveSeconds_AndStoresTheAnswer()
    {
        await using var cli = await CliHarness.StartAsync();
        await cli.ConnectAsync();
        var before = cli.ReadAuthFile().GetProperty("refresh_token").GetString();
        var hold = new EmulatorHold();
        cli.Control.AddFault(new EmulatorFault("/oauth2/token") { Hold = hold });
        using var refresh = Process.Start(CliRunner.StartInfo(cli.Environment, "refresh"))!;
        var output = Task.WhenAll(refresh.StandardOutput.ReadToEndAsync(Figures.Ct), refresh.StandardError.ReadToEndAsync(Figures.Ct));
        TimeSpan elapsed;
        try
        {
            await hold.Reached.WaitAsync(TimeSpan.FromSeconds(60), Figures.Ct);

            // The server has spent the refresh token; its answer comes only after the signal.
            var watch = Stopwatch.StartNew();
            await SignalAsync(refresh, "-TERM");
            hold.Release();
            await WaitForExitAsync(refresh);
            elapsed = watch.Elapsed;
        }
        finally
        {
            hold.Release();
        }

        var texts = await output;
        var run = new CliRun(refresh.ExitCode, texts[0], texts[1]);
        cli.Record(run);
        AssertTerminated(run, elapsed);

        // Compared, never printed: a failing assertion must not show a token.
        var stored = cli.ReadAuthFile().GetProperty("refresh_token").GetString();
        Assert.True(stored != before, "auth.json still holds the refresh token the server spent");
        Assert.True(cli.Control.LiveRefreshTokens.Contains(stored!), "auth.json does not hold the live refresh token");
        var next = await cli.RunAsync("refresh");
        Assert.True(next.ExitCode == 0, next.ToString());
        Assert.Equal(0, cli.Control.RefreshTokenReuseCount);
        cli.AssertNoSecretsLeaked();
        Figures.Report(string.Create(CultureInfo.InvariantCulture, $"SIGTERM to refresh whose answer the server released after the signal: exit 143 after {elapsed.TotalMilliseconds:0} ms, answer stored, reuse 0"));
    }

    [Fact]
    [Trait("Category", "Reliability")]
    public async Task Sigterm_RefreshWhoseAnswerNeverComes_Exits143WithinFiveSeconds_AuthJsonWhole()
    {
        await using var cli = await CliHarness.StartAsync();
        await cli.ConnectAsync();
        var before = File.ReadAllBytes(cli.Home.AuthFile);
        var hold = new EmulatorHold();
        cli.Control.AddFault(new EmulatorFault("/oauth2/token") { Hold = hold });
        using var refresh = Process.Start(CliRunner.StartInfo(cli.Environment, "refresh"))!;
        var output = Task.WhenAll(refresh.StandardOutput.ReadToEndAsync(Figures.Ct), refresh.StandardError.ReadToEndAsync(Figures.Ct));
        TimeSpan elapsed;
        try
        {
            await hold.Reached.WaitAsync(TimeSpan.FromSeconds(60), Figures.Ct);
            elapsed = await TerminateAsync(refresh);
        }
        finally
        {
            hold.Release();
        }

        var texts = await output;
        var run = new CliRun(refresh.ExitCode, texts[0], texts[1]);
        cli.Record(run);
        AssertTerminated(run, elapsed);

        // The answer never came within the grace: auth.json is the old one, whole (the space reserved for the answer
        // may be left as a temp file, which the next write removes).
        Assert.Equal(before, File.ReadAllBytes(cli.Home.AuthFile));
        cli.AssertNoSecretsLeaked();
        Figures.Report(string.Create(CultureInfo.InvariantCulture, $"SIGTERM to refresh whose answer never comes: exit 143 after {elapsed.TotalMilliseconds:0} ms, auth.json unchanged"));
    }

    private static async Task SignalAsync(Process process, string signal)
    {
        using var kill = Process.Start(new ProcessStartInfo("/bin/kill", [signal, process.Id.ToString(CultureInfo.InvariantCulture)]))!;
        await kill.WaitForExitAsync(Figures.Ct);
    }

    private static async Task WaitForExitAsync(Process process)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(Figures.Ct);
        limit.CancelAfter(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException) when (!Figures.Ct.IsCancellationRequested)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("the CLI did not exit within 60 s of SIGTERM");
        }
    }

    /// <summary>Sends SIGTERM and returns how long the process took to exit from then (a minute at most, then it is killed).</summary>
    private static async Task<TimeSpan> TerminateAsync(Process process)
    {
        var watch = Stopwatch.StartNew();
        using (var kill = Process.Start(new ProcessStartInfo("/bin/kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]))!)
        {
            await kill.WaitForExitAsync(Figures.Ct);
        }

        using var limit = CancellationTokenSource.CreateLinkedTokenSource(Figures.Ct);
        limit.CancelAfter(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException) when (!Figures.Ct.IsCancellationRequested)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("the CLI did not exit within 60 s of SIGTERM");
        }

        return watch.Elapsed;
    }

    /// <summary>
    /// Whether a thread of <paramref name="process"/> is in read() on its stdin (Linux: /proc/PID/task/TID/syscall names
    /// the call and its descriptor; .NET reads a duplicate of descriptor 0, so the descriptor's pipe is compared).
    /// </summary>
    private static bool ReadsStandardInput(Process process)
    {
        var read = System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture == System.Runtime.InteropServices.Architecture.X64 ? "0" : "63";
        var proc = $"/proc/{process.Id.ToString(CultureInfo.InvariantCulture)}";
        try
        {
            var stdin = new FileInfo($"{proc}/fd/0").LinkTarget;
            return stdin is not null && Directory.EnumerateDirectories($"{proc}/task").Any(task =>
            {
                try
                {
                    return File.ReadAllText(Path.Combine(task, "syscall")).Split(' ') is [var number, var descriptor, ..]
                        && number == read
                        && new FileInfo($"{proc}/fd/{Convert.ToInt32(descriptor, 16).ToString(CultureInfo.InvariantCulture)}").LinkTarget == stdin;
                }
                catch (Exception e) when (e is IOException or FormatException)
                {
                    return false; // the thread ended meanwhile, or it is not in a system call ("running")
                }
            });
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
