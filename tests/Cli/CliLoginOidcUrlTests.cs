using System.Diagnostics;
using System.Net;
using XaiGrok.Onboarding.Tests.Oidc;
using XaiGrok.Onboarding.Tests.Support;
using Xunit;

namespace XaiGrok.Onboarding.Tests.Cli;

/// <summary>
/// The sign-in URL <c>login --oidc</c> prints is fully percent-escaped: copied from the terminal as it stands, it
/// carries every parameter (PKCE included) unchanged, and the sign-in completes through it.
/// </summary>
public sealed class CliLoginOidcUrlTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task LoginOidc_PrintsAFullyEscapedUrl_ThatParsesBackToTheSameParameters_AndSignsIn()
    {
        await using var cli = await CliHarness.StartAsync();
        cli.Environment["GROK_OIDC_ISSUER"] = cli.Emulator.Issuer;
        cli.Environment["GROK_OIDC_CLIENT_ID"] = "acme-cli-client";
        cli.Environment["GROK_OIDC_SCOPES"] = "openid profile email offline_access api:access";
        cli.Control.AutoApproveAuthorization(tier: 4);

        using var process = Process.Start(CliRunner.StartInfo(cli.Environment, "login", "--oidc", "--no-browser", "--json"))!;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        try
        {
            var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
            string? line;
            do
            {
                line = await process.StandardError.ReadLineAsync(timeout.Token);
            }
            while (line is not null && !line.StartsWith("http", StringComparison.Ordinal));

            // The URL stands alone on its line, so that a person can copy it whole.
            Assert.NotNull(line);
            var printed = line;
            Assert.DoesNotContain(' ', printed);
            Assert.True(Uri.IsWellFormedUriString(printed, UriKind.Absolute), printed);

            // Every value comes back exactly as the module meant it, spaces in the scope included.
            var url = new Uri(printed);
            Assert.Equal("openid profile email offline_access api:access", Loopback.Query(url, "scope"));
            Assert.Equal("acme-cli-client", Loopback.Query(url, "client_id"));
            Assert.Equal("code", Loopback.Query(url, "response_type"));
            Assert.Equal("S256", Loopback.Query(url, "code_challenge_method"));
            Assert.Equal(43, Loopback.Query(url, "code_challenge").Length);
            Assert.StartsWith("http://127.0.0.1:", Loopback.Query(url, "redirect_uri"), StringComparison.Ordinal);

            // The browser opens the URL as copied: the identity provider accepts it and the sign-in completes.
            using var browser = Loopback.NewBrowser();
            using var redirect = await browser.GetAsync(printed, timeout.Token);
            Assert.Equal(HttpStatusCode.Redirect, redirect.StatusCode);
            using var page = await browser.GetAsync(redirect.Headers.Location!, timeout.Token);
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);

            await process.WaitForExitAsync(timeout.Token);
            var run = new CliRun(process.ExitCode, await stdout, "");
            Assert.True(run.ExitCode == 0, run.ToString());
            Assert.Equal("connected", CliHarness.AssertOneJsonObject(run).GetProperty("status").GetString());
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }
}
