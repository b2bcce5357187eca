using System.Diagnostics;
using XaiGrok.Onboarding.Tests.Oidc;
using XaiGrok.Onboarding.Tests.Support;
using Xunit;

namespace XaiGrok.Onboarding.Tests.Cli;

/// <summary>
/// <c>login --oauth</c> (xAI's browser sign-in) as a subprocess against the emulator, with the test as the browser; and
/// which sign-in <c>login</c> runs without a flag: OIDC when configured, the browser where one opens, else the device code.
/// </summary>
public sealed class CliLoginOAuthTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task LoginOAuth_NoBrowser_PrintsTheEscapedUrlAlone_SignsIn_AndStatusSaysOAuth()
    {
        await using var cli = await CliHarness.StartAsync();
        cli.Control.AutoApproveAuthorization(tier: 4);

        var (run, printed) = await CliBrowserLogin.RunAsync(cli, Ct, "login", "--oauth", "--no-browser", "--json");
        var status = await cli.RunAsync("status");
        var refreshed = await cli.RunAsync("refresh");

        Assert.True(run.ExitCode == 0, run.ToString());
        var json = CliHarness.AssertOneJsonObject(run);
        Assert.Equal("connected", json.GetProperty("status").GetString());
        Assert.Equal("oauth", json.GetProperty("source").GetString());
        var url = new Uri(printed);
        Assert.Equal(printed, url.AbsoluteUri);
        Assert.StartsWith(cli.Emulator.Issuer.TrimEnd('/') + "/", printed, StringComparison.Ordinal);
        Assert.Equal(CliHarness.ClientId, Loopback.Query(url, "client_id"));
        Assert.Equal("openid profile email offline_access api:access", Loopback.Query(url, "scope"));
        Assert.Equal("S256", Loopback.Query(url, "code_challenge_method"));
        Assert.Matches(@"^http://127\.0\.0\.1:\d+/callback$", Loopback.Query(url, "redirect_uri"));
        Assert.Equal(0, cli.Control.Count("grant:device_code"));
        Assert.Equal(1, cli.Control.Count("grant:authorization_code"));
        Assert.Equal("oauth", status.Json.GetProperty("sign_in_method").GetString());
        Assert.Equal("oauth", status.Json.GetProperty("active_sign_in_method").GetString());
        Assert.True(refreshed.ExitCode == 0, refreshed.ToString());
        Assert.Equal(1, cli.Control.Count("grant:refresh_token"));
    }

    [Fact]
    public async Task LoginOAuth_FixedRedirectPort_RedirectsToThatPort()
    {
        await using var cli = await CliHarness.StartAsync();
        cli.Control.AutoApproveAuthorization(tier: 1);
        int port;
        using (var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
        }

        cli.Environment["XAI_OAUTH_REDIRECT_PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);

        var (run, printed) = await CliBrowserLogin.RunAsync(cli, Ct, "login", "--oauth", "--no-browser", "--json");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal($"http://127.0.0.1:{port}/callback", Loopback.Query(new Uri(printed), "redirect_uri"));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("65536")]
    [InlineData("http")]
    public async Task RedirectPort_Invalid_IsInvalidConfigurationNamingIt(string value)
    {
        await using var cli = await CliHarness.StartAsync();
        cli.Environment["XAI_OAUTH_REDIRECT_PORT"] = value;

        var run = await cli.RunAsync("login", "--oauth", "--no-browser", "--json");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("invalid_configuration", run.Json.GetProperty("error").GetString());
        Assert.Contains("XAI_OAUTH_REDIRECT_PORT", run.Json.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, cli.Control.Count("/.well-known/openid-configuration"));
    }

    [Fact]
    public async Task Login_NoFlag_WithABrowser_OpensXaiOAuthInIt()
    {
        await using var cli = await CliHarness.StartAsync();
        cli.Control.AutoApproveAuthorization(tier: 4);
        var opened = Path.Combine(cli.Home.Parent, "opened-url.txt");
        var browserScript = Path.Combine(cli.Home.Parent, "test-browser.sh");
        await File.WriteAllTextAsync(browserScript, $"#!/bin/sh\nprintf '%s' \"$1\" > '{opened}.tmp' && mv '{opened}.tmp' '{opened}'\n", Ct);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(browserScript, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        cli.Environment["DISPLAY"] = ":99";
        cli.Environment["BROWSER"] = browserScript;

        var (run, printed) = await CliBrowserLogin.RunAsync(cli, Ct, "login", "--json");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("oauth", CliHarness.AssertOneJsonObject(run).GetProperty("source").GetString());
        Assert.Contains("Opened it in your browser.", run.Stderr, StringComparison.Ordinal);
        Assert.Equal(printed, await File.ReadAllTextAsync(opened, Ct));
        Assert.Equal(0, cli.Control.Count("grant:device_code"));
    }

    [Fact]
    public async Task Login_NoFlag_OidcConfigured_UsesOidc()
    {
        await using var cli = await CliHarness.StartAsync();
        cli.Environment["GROK_OIDC_ISSUER"] = cli.Emulator.Issuer;
        cli.Environment["GROK_OIDC_CLIENT_ID"] = "acme-cli-client";
        cli.Control.AutoApproveAuthorization(tier: 4);

        var (run, printed) = await CliBrowserLogin.RunAsync(cli, Ct, "login", "--no-browser", "--json");
        var status = await cli.RunAsync("status");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("oidc", CliHarness.AssertOneJsonObject(run).GetProperty("source").GetString());
        Assert.Equal("acme-cli-client", Loopback.Query(new Uri(printed), "client_id"));
        Assert.Equal("oidc", status.Json.GetProperty("sign_in_method").GetString());
        Assert.Equal("oidc", status.Json.GetProperty("active_sign_in_method").GetString());
    }

    [Fact]
    public async Task Login_NoFlag_NoBrowser_UsesTheDeviceCode()
    {
        await using var cli = await CliHarness.StartAsync();

        // No DISPLAY, no BROWSER (the runner removes them): nothing can open a browser here. The person refuses the code.
        using var login = Process.Start(CliRunner.StartInfo(cli.Environment, "login", "--no-qr", "--json"))!;
        var stdout = login.StandardOutput.ReadToEndAsync(Ct);
        var firstLine = await login.StandardError.ReadLineAsync(Ct) ?? "";
        cli.Control.Deny(cli.Control.LatestUserCode!);
        var rest = await login.StandardError.ReadToEndAsync(Ct);
        await login.WaitForExitAsync(Ct);
        var run = new CliRun(login.ExitCode, await stdout, firstLine + "\n" + rest);
        cli.Record(run);

        Assert.StartsWith("Open ", firstLine, StringComparison.Ordinal);
        Assert.Equal("access_denied", run.Json.GetProperty("error").GetString());
        Assert.Equal(1, cli.Control.Count("/oauth2/device/code"));
        Assert.Equal(0, cli.Control.Count("/oauth2/authorize"));
    }

    [Fact]
    public async Task Login_TwoFlowFlags_IsAUsageError()
    {
        await using var cli = await CliHarness.StartAsync();

        var run = await cli.RunAsync("login", "--oauth", "--device-auth");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("usage_error", run.Json.GetProperty("error").GetString());
    }
}
