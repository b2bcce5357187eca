using System.Diagnostics;
using System.Globalization;
using XaiGrok.Emulator;
using XaiGrok.Onboarding.Tests.Support;
using Xunit;

namespace XaiGrok.Onboarding.Tests.Cli;

/// <summary>
/// Ctrl-C while <c>refresh</c> waits for the server's answer: the refresh token is already spent, so the process says
/// "cancelled" (exit 130) but stores the answer before it exits, and the next process finds a live session.
/// </summary>
public sealed class CliRefreshInterruptTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Refresh_InterruptedWhileTheServerHoldsTheRotatedAnswer_ExitsCancelled_AndStoresTheAnswer()
    {
        await using var cli = await CliHarness.StartAsync();
        await cli.ConnectAsync();
        var before = cli.ReadAuthFile().GetProperty("refresh_token").GetString();
        var hold = new EmulatorHold();
        cli.Control.AddFault(new EmulatorFault("/oauth2/token") { Hold = hold });

        using var refresh = Process.Start(CliRunner.InterruptibleStartInfo(cli.Environment, "refresh"))!;
        var stdout = refresh.StandardOutput.ReadToEndAsync(Ct);
        try
        {
            await hold.Reached.WaitAsync(TimeSpan.FromSeconds(60), Ct);

            // SIGINT, as Ctrl-C sends it; the answer is released only once the CLI has given the verb up.
            using (var interrupt = Process.Start(new ProcessStartInfo("/bin/kill", ["-INT", refresh.Id.ToString(CultureInfo.InvariantCulture)]))!)
            {
                await interrupt.WaitForExitAsync(Ct);
            }

            var stderr = new List<string>();
            while (await refresh.StandardError.ReadLineAsync(Ct) is { } line)
            {
                stderr.Add(line);
                if (line == "cancelled")
                {
                    break;
                }
            }

            Assert.True(stderr.Contains("cancelled"), "the CLI did not report the cancellation: " + string.Join('\n', stderr));
        }
        finally
        {
            hold.Release();
        }

        using (var limit = CancellationTokenSource.CreateLinkedTokenSource(Ct))
        {
            limit.CancelAfter(TimeSpan.FromSeconds(60));
            await refresh.WaitForExitAsync(limit.Token);
        }

        await stdout;
        Assert.Equal(130, refresh.ExitCode);
        // Compared, never printed: a failing assertion must not show a token.
        var stored = cli.ReadAuthFile().GetProperty("refresh_token").GetString();
        Assert.True(stored != before, "auth.json still holds the refresh token the server spent");
        Assert.True(cli.Control.LiveRefreshTokens.Contains(stored!), "auth.json does not hold the live refresh token");

        var next = await cli.RunAsync("refresh");
        Assert.True(next.ExitCode == 0, next.ToString());
        Assert.Equal(2, cli.Control.Count("grant:refresh_token"));
        Assert.Equal(0, cli.Control.RefreshTokenReuseCount);
        cli.AssertNoSecretsLeaked();
    }
}
