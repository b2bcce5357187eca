using System.Diagnostics;
using System.Runtime.Versioning;
using XaiGrok.Onboarding.Tests.Support;
using Xunit;

namespace XaiGrok.Onboarding.Tests.Cli;

/// <summary>
/// The external auth provider's stderr as the person sees it through the real CLI: each line on the CLI's stderr while
/// the provider still runs (it is held on a FIFO the test opens), the first https URL as "Sign in at: URL", the lines
/// kept in the result; and <c>login</c> falling back to the device sign-in when the provider fails.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class CliProviderOutputTests
{
    private const string Token = "cli-provider-canary-4b7e21d9";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ProviderStderr_ReachesTheCliStderrLineByLine_WhileTheProviderIsStillBlocked()
    {
        await using var cli = await CliHarness.StartAsync();
        var fifo = MakeFifo(cli);
        cli.Environment["GROK_AUTH_PROVIDER_COMMAND"] = Script(cli,
            "echo 'Authenticating via Acme SSO...' >&2\n" +
            "echo 'open https://sso.acme.test/device?code=XY-12 to continue' >&2\n" +
            $"read go < '{fifo}'\n" +
            $"echo '{Token}'");

        using var status = Process.Start(CliRunner.StartInfo(cli.Environment, "status")) ?? throw new InvalidOperationException("could not start the CLI");
        var stdout = status.StandardOutput.ReadToEndAsync(Ct);
        var first = await ReadLineAsync(status);
        var second = await ReadLineAsync(status);
        var third = await ReadLineAsync(status);

        // The provider is still blocked on the FIFO, so the CLI has not finished: these lines came while it ran.
        Assert.False(status.HasExited, "the CLI finished before the provider was released");
        Assert.Equal("auth provider: Authenticating via Acme SSO...", first);
        Assert.Equal("auth provider: open https://sso.acme.test/device?code=XY-12 to continue", second);
        Assert.Equal("Sign in at: https://sso.acme.test/device?code=XY-12", third);

        await File.WriteAllTextAsync(fifo, "go\n", Ct);
        var rest = await status.StandardError.ReadToEndAsync(Ct);
        await status.WaitForExitAsync(Ct);
        var run = new CliRun(status.ExitCode, await stdout, string.Join('\n', first, second, third, rest));
        cli.Record(run);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("external_provider", run.Json.GetProperty("source").GetString());
        Assert.Equal(
            ["Authenticating via Acme SSO...", "open https://sso.acme.test/device?code=XY-12 to continue"],
            run.Json.GetProperty("provider_messages").EnumerateArray().Select(line => line.GetString()));
        Assert.DoesNotContain(Token, run.Stdout + run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProviderEchoingItsTokenOnStderr_ThePersonSeesItRedacted()
    {
        await using var cli = await CliHarness.StartAsync();
        cli.Environment["GROK_AUTH_PROVIDER_COMMAND"] = Script(cli, $"echo '{Token}'\nsleep 0.2\necho 'debug: got {Token} from the vault' >&2");

        var run = await cli.RunAsync("status");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("auth provider: debug: got [redacted] from the vault", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(Token, run.Stdout + run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoginWithAFailingProvider_ShowsItsLines_ThenFallsBackToTheDeviceSignIn()
    {
        await using var cli = await CliHarness.StartAsync();
        cli.Environment["GROK_AUTH_PROVIDER_COMMAND"] = Script(cli, "echo 'Acme SSO is down' >&2\nexit 3");

        using var login = Process.Start(CliRunner.StartInfo(cli.Environment, "login", "--device-code", "--json")) ?? throw new InvalidOperationException("could not start the CLI");
        var stdout = login.StandardOutput.ReadToEndAsync(Ct);
        var seen = new List<string>();
        while (cli.Control.LatestUserCode is null || !seen.Any(line => line.Contains(cli.Control.LatestUserCode, StringComparison.Ordinal)))
        {
            seen.Add(await ReadLineAsync(login) ?? throw new InvalidOperationException("stderr ended before the device code: " + string.Join('\n', seen)));
        }

        cli.Control.Approve(cli.Control.LatestUserCode, tier: 5);
        seen.Add(await login.StandardError.ReadToEndAsync(Ct));
        await login.WaitForExitAsync(Ct);
        var run = new CliRun(login.ExitCode, await stdout, string.Join('\n', seen));
        cli.Record(run);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("auth provider: Acme SSO is down", seen[0]);
        Assert.Contains(seen, line => line.StartsWith("external auth provider was skipped: it exited 3. Signing in interactively instead.", StringComparison.Ordinal));
        var json = run.Json;
        Assert.Equal("connected", json.GetProperty("status").GetString());
        Assert.Equal("oauth", json.GetProperty("source").GetString());
        Assert.Equal(["Acme SSO is down"], json.GetProperty("provider_messages").EnumerateArray().Select(line => line.GetString()));
        cli.AssertNoSecretsLeaked();
    }

    [Fact]
    public async Task LoginWithAWorkingProvider_IsTheSession_WithoutADeviceSignIn()
    {
        await using var cli = await CliHarness.StartAsync();
        cli.Environment["GROK_AUTH_PROVIDER_COMMAND"] = Script(cli, $"echo 'Signed in through Acme' >&2\necho '{{\"access_token\": \"{Token}\", \"expires_in\": 3600}}'");

        var run = await cli.RunAsync("login", "--json");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("connected", run.Json.GetProperty("status").GetString());
        Assert.Equal("external_provider", run.Json.GetProperty("source").GetString());
        Assert.Equal(["Signed in through Acme"], run.Json.GetProperty("provider_messages").EnumerateArray().Select(line => line.GetString()));
        Assert.Null(cli.Control.LatestUserCode);
        Assert.DoesNotContain(Token, run.Stdout + run.Stderr, StringComparison.Ordinal);
    }

    private static async Task<string?> ReadLineAsync(Process process)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        limit.CancelAfter(TimeSpan.FromSeconds(60));
        return await process.StandardError.ReadLineAsync(limit.Token);
    }

    private static string Script(CliHarness cli, string body)
    {
        var path = Path.Combine(cli.Home.Parent, "provider-" + Guid.NewGuid().ToString("N")[..8] + ".sh");
        File.WriteAllText(path, "#!/bin/sh\n" + body + "\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }

    private static string MakeFifo(CliHarness cli)
    {
        var path = Path.Combine(cli.Home.Parent, "release-" + Guid.NewGuid().ToString("N")[..8]);
        using var mkfifo = Process.Start(new ProcessStartInfo("mkfifo", [path]) { UseShellExecute = false }) ?? throw new InvalidOperationException("no mkfifo");
        mkfifo.WaitForExit();
        Assert.Equal(0, mkfifo.ExitCode);
        return path;
    }
}
