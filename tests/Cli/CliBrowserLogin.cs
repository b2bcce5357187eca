using System.Diagnostics;
using System.Net;
using XaiGrok.Onboarding.Tests.Oidc;
using XaiGrok.Onboarding.Tests.Support;
using Xunit;

namespace XaiGrok.Onboarding.Tests.Cli;

/// <summary>
/// Runs a browser <c>login</c> as a subprocess with the test as the person's browser: it reads stderr up to the line
/// that is the sign-in URL and nothing else, opens that URL as printed, and follows the one redirect back to the CLI's
/// loopback listener.
/// </summary>
internal static class CliBrowserLogin
{
    public static async Task<(CliRun Run, string PrintedUrl)> RunAsync(CliHarness cli, CancellationToken ct, params string[] args)
    {
        using var process = Process.Start(CliRunner.StartInfo(cli.Environment, args)) ?? throw new InvalidOperationException("could not start the CLI");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        try
        {
            var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
            var before = new List<string>();
            string? line;
            while ((line = await process.StandardError.ReadLineAsync(timeout.Token)) is not null && !IsUrlLine(line))
            {
                before.Add(line);
            }

            Assert.True(line is not null, "no line held the sign-in URL alone: " + string.Join(" | ", before));
            await FollowAsync(line!, timeout.Token);
            var rest = await process.StandardError.ReadToEndAsync(timeout.Token);
            await process.WaitForExitAsync(timeout.Token);
            var run = new CliRun(process.ExitCode, await stdout, string.Join('\n', [.. before, line, rest]));
            cli.Record(run);
            return (run, line!);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }

    /// <summary>The browser: opens the URL as printed (the IdP redirects at once) and follows the redirect to the listener.</summary>
    public static async Task FollowAsync(string url, CancellationToken ct)
    {
        using var browser = Loopback.NewBrowser();
        using var redirect = await browser.GetAsync(url, ct);
        Assert.Equal(HttpStatusCode.Redirect, redirect.StatusCode);
        using var page = await browser.GetAsync(redirect.Headers.Location!, ct);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }

    private static bool IsUrlLine(string line) => line.StartsWith("http", StringComparison.Ordinal) && Uri.IsWellFormedUriString(line, UriKind.Absolute);
}
