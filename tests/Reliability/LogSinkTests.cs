using System.Diagnostics;
using System.Globalization;
using System.Runtime.Versioning;
using XaiGrok.Onboarding.Tests.Cli;
using Xunit;

namespace XaiGrok.Onboarding.Tests.Reliability;

/// <summary>
/// A log sink that would block (<c>XAI_GROK_LOG_FILE</c> naming a FIFO nobody reads): the CLI must not wait on it,
/// least of all between sending a refresh and storing its answer, where waiting loses the session.
/// </summary>
[Collection(ProcessCollection.Name)]
[SupportedOSPlatform("linux")]
public sealed class LogSinkTests
{
    [Fact]
    [Trait("Category", "Reliability")]
    public async Task Refresh_LogFileIsAFifoWithoutReader_CompletesWithOneWarning_SessionIntact()
    {
        await using var cli = await CliHarness.StartAsync();
        await cli.ConnectAsync();
        var regularLog = cli.Environment["XAI_GROK_LOG_FILE"];
        var fifo = Path.Combine(cli.Home.Parent, "log.fifo");
        await MakeFifoAsync(fifo);
        const int attempts = 3;
        var intact = 0;
        var slowest = TimeSpan.Zero;
        try
        {
            cli.Environment["XAI_GROK_LOG_FILE"] = fifo;
            for (var attempt = 1; attempt <= attempts; attempt++)
            {
                var watch = Stopwatch.StartNew();
                var refresh = await cli.RunAsync("refresh");
                slowest = watch.Elapsed > slowest ? watch.Elapsed : slowest;

                Assert.True(refresh.ExitCode == 0, refresh.ToString());
                Assert.True(CliHarness.AssertOneJsonObject(refresh).GetProperty("ok").GetBoolean());
                var warnings = refresh.Stderr.Split('\n').Where(line => line.Contains("XAI_GROK_LOG_FILE", StringComparison.Ordinal)).ToArray();
                Assert.True(warnings.Length == 1, refresh.Stderr);
                Assert.Contains("not a regular file", warnings[0], StringComparison.Ordinal);

                // The lines the file would have had went to stderr instead.
                Assert.Contains("/oauth2/token -> 200", refresh.Stderr, StringComparison.Ordinal);

                var status = await cli.RunAsync("status");
                Assert.True(status.ExitCode == 0, status.ToString());
                if (status.Json.GetProperty("connected").GetBoolean() && cli.Control.RefreshTokenReuseCount == 0)
                {
                    intact++;
                }
            }
        }
        finally
        {
            // The harness reads the log file at the end: a FIFO there would block it.
            cli.Environment["XAI_GROK_LOG_FILE"] = regularLog;
            File.Delete(fifo);
        }

        Assert.Equal(attempts, intact);
        Assert.Equal(0, cli.Control.RefreshTokenReuseCount);
        Assert.Equal(0, (await cli.RunAsync("refresh")).ExitCode);
        cli.AssertNoSecretsLeaked();
        Figures.Report(string.Create(CultureInfo.InvariantCulture, $"XAI_GROK_LOG_FILE a FIFO without reader, trace level: {attempts} refreshes, {intact} sessions intact (reuse 0), slowest CLI run {slowest.TotalSeconds:0.00} s"));
    }

    internal static async Task MakeFifoAsync(string path)
    {
        using var mkfifo = Process.Start(new ProcessStartInfo("mkfifo", [path])) ?? throw new InvalidOperationException("could not run mkfifo");
        await mkfifo.WaitForExitAsync(Figures.Ct);
        Assert.Equal(0, mkfifo.ExitCode);
    }
}
