using System.Net;
using System.Net.Sockets;
using System.Runtime.Versioning;
using Xunit;

namespace XaiGrok.Onboarding.Tests.Cli;

/// <summary>Failures a person or an agent meets through the CLI: each is one JSON object with a code and a hint, never a crash.</summary>
[SupportedOSPlatform("linux")]
public sealed class CliFailureTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Status_WithCorruptAuthFile_IsNotConnectedWithAProblem_AndKeepsTheFileAside()
    {
        await using var cli = await CliHarness.StartAsync();
        Directory.CreateDirectory(cli.Home.Path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        await File.WriteAllTextAsync(cli.Home.AuthFile, "{\"version\":1,\"access_token\": garbage \u0001\u0002 not json", Ct);
        File.SetUnixFileMode(cli.Home.AuthFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        var status = await cli.RunAsync("status");

        var json = CliHarness.AssertOneJsonObject(status);
        Assert.True(status.ExitCode == 0, status.ToString());
        Assert.True(json.GetProperty("ok").GetBoolean());
        Assert.False(json.GetProperty("connected").GetBoolean());
        Assert.Equal("not_connected", json.GetProperty("problem").GetString());
        Assert.Contains("corrupt", json.GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("sign in again", json.GetProperty("hint").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.True(File.Exists(cli.Home.AuthFile + ".corrupt"));
        Assert.False(File.Exists(cli.Home.AuthFile));
        CliHarness.AssertNoStackTrace(status);

        // The next status still says why, and a new sign-in starts clean.
        var again = await cli.RunAsync("status");
        Assert.Equal(0, again.ExitCode);
        Assert.False(again.Json.GetProperty("connected").GetBoolean());
        Assert.True(again.Json.TryGetProperty("problem", out _), again.ToString());
        await cli.ConnectAsync();

        cli.AssertNoSecretsLeaked();
    }

    [Fact]
    public async Task Start_WithoutClientId_IsClientNotConfigured_NamingTheVariable()
    {
        await using var cli = await CliHarness.StartAsync();
        cli.Environment.Remove("XAI_OAUTH_CLIENT_ID");

        var start = await cli.RunAsync("start");

        var json = CliHarness.AssertOneJsonObject(start);
        Assert.Equal(1, start.ExitCode);
        Assert.False(json.GetProperty("ok").GetBoolean());
        Assert.Equal("client_not_configured", json.GetProperty("error").GetString());
        Assert.Contains("XAI_OAUTH_CLIENT_ID", json.GetProperty("hint").GetString(), StringComparison.Ordinal);
        Assert.Empty(cli.Control.Counters);
        CliHarness.AssertNoStackTrace(start);
        cli.AssertNoSecretsLeaked();
    }

    [Theory]
    [InlineData("")]
    [InlineData("frobnicate")]
    [InlineData("status --bogus")]
    [InlineData("poll --pending-id")]
    [InlineData("models --force extra")]
    public async Task UsageError_ExitsTwo_WithOneJsonObjectOkFalse(string commandLine)
    {
        await using var cli = await CliHarness.StartAsync();

        var run = await cli.RunAsync(commandLine.Split(' ', StringSplitOptions.RemoveEmptyEntries));

        var json = CliHarness.AssertOneJsonObject(run);
        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.False(json.GetProperty("ok").GetBoolean());
        Assert.Equal("usage_error", json.GetProperty("error").GetString());
        Assert.Empty(cli.Control.Counters);
        CliHarness.AssertNoStackTrace(run);
        cli.AssertNoSecretsLeaked();
    }

    [Fact]
    public async Task Start_WhenTheIssuerIsUnreachable_IsNetworkError_WithoutStackTrace()
    {
        await using var cli = await CliHarness.StartAsync();
        cli.Environment["XAI_OAUTH_ISSUER"] = $"http://127.0.0.1:{ClosedPort()}";

        var start = await cli.RunAsync("start");

        var json = CliHarness.AssertOneJsonObject(start);
        Assert.Equal(1, start.ExitCode);
        Assert.False(json.GetProperty("ok").GetBoolean());
        Assert.Equal("network_error", json.GetProperty("error").GetString());
        Assert.False(string.IsNullOrEmpty(json.GetProperty("hint").GetString()));
        Assert.Empty(cli.ReadPendingFiles());
        CliHarness.AssertNoStackTrace(start);
        cli.AssertNoSecretsLeaked();
    }

    [Fact]
    public async Task Refresh_AfterTheGrantWasRevoked_IsReauthRequired_AndStatusKeepsTheSessionWithAProblem()
    {
        await using var cli = await CliHarness.StartAsync();
        await cli.ConnectAsync();
        var oldRefreshToken = cli.ReadAuthFile().GetProperty("refresh_token").GetString()!;

        // Rotate once through the CLI, then replay the rotated-out refresh token: the emulator revokes the grant.
        var rotate = await cli.RunAsync("refresh");
        Assert.True(rotate.ExitCode == 0, rotate.ToString());
        using (var http = new HttpClient())
        {
            using var form = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "refresh_token",
                ["refresh_token"] = oldRefreshToken,
                ["client_id"] = CliHarness.ClientId,
            });
            using var replay = await http.PostAsync(new Uri(cli.Emulator.Issuer + "/oauth2/token"), form, Ct);
            Assert.Equal(HttpStatusCode.BadRequest, replay.StatusCode);
        }

        Assert.Equal(1, cli.Control.RefreshTokenReuseCount);

        var refresh = await cli.RunAsync("refresh");
        var json = CliHarness.AssertOneJsonObject(refresh);
        Assert.Equal(1, refresh.ExitCode);
        Assert.Equal("reauth_required", json.GetProperty("error").GetString());
        Assert.False(string.IsNullOrEmpty(json.GetProperty("hint").GetString()));
        Assert.True(File.Exists(cli.Home.AuthFile));

        // status: not connected, says why, makes no request, and does not log out silently.
        var counters = cli.Control.Counters;
        var status = await cli.RunAsync("status");
        json = CliHarness.AssertOneJsonObject(status);
        Assert.Equal(0, status.ExitCode);
        Assert.False(json.GetProperty("connected").GetBoolean());
        Assert.Equal("reauth_required", json.GetProperty("problem").GetString());
        Assert.Equal(counters, cli.Control.Counters);
        Assert.True(File.Exists(cli.Home.AuthFile));

        // A second refresh does not try the dead refresh token again.
        var again = await cli.RunAsync("refresh");
        Assert.Equal(1, again.ExitCode);
        Assert.Equal("reauth_required", again.Json.GetProperty("error").GetString());
        Assert.Equal(counters, cli.Control.Counters);

        var logout = await cli.RunAsync("logout");
        Assert.Equal(0, logout.ExitCode);
        Assert.False(File.Exists(cli.Home.AuthFile));

        foreach (var run in cli.Runs)
        {
            CliHarness.AssertNoStackTrace(run);
        }

        cli.AssertNoSecretsLeaked();
    }

    private static int ClosedPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
