using System.CommandLine;
using System.Diagnostics;

namespace XaiGrok.Onboarding.Cli;

/// <summary>
/// <c>login</c> for a person at a terminal: the device sign-in with its code and URL and a wait on the interval
/// (default, also <c>--device-auth</c> / <c>--device-code</c>), or <c>--oidc</c> through the company's identity
/// provider. Progress goes to stderr; the one JSON result to stdout. Ctrl-C leaves no sign-in pending.
/// </summary>
internal static class LoginCommand
{
    public static Command Build(Func<GrokOnboarding> module, TextWriter stdout, TextWriter stderr)
    {
        var oidc = new Option<bool>("--oidc") { Description = "Sign in through your company's identity provider (GROK_OIDC_ISSUER, GROK_OIDC_CLIENT_ID), with a browser." };
        var device = new Option<bool>("--device-auth", "--device-code") { Description = "Sign in with the device code flow (the default): open a URL on any device and approve." };
        var command = new Command("login", "Sign in interactively and wait until it completes (for a person at a terminal; agents use start and poll).") { oidc, device };
        command.SetAction(async (result, cancellationToken) =>
        {
            var outcome = result.GetValue(oidc)
                ? await module().LoginOidcAsync(url => OpenAsync(url, stderr), cancellationToken).ConfigureAwait(false)
                : await DeviceAsync(module(), stderr, cancellationToken).ConfigureAwait(false);
            return await CliApplication.PrintAsync(stdout, outcome, indented: true).ConfigureAwait(false);
        });
        return command;
    }

    private static async Task<SkillResult> DeviceAsync(GrokOnboarding module, TextWriter stderr, CancellationToken cancellationToken)
    {
        var started = await module.StartAsync(cancellationToken).ConfigureAwait(false);
        if (!started.Ok)
        {
            return started;
        }

        var pendingId = (string)started["pending_id"]!;
        await stderr.WriteLineAsync($"Open {started["verification_url_with_code"]} and approve the code {started["user_code"]}.").ConfigureAwait(false);
        var expiresIn = TimeSpan.FromSeconds(Convert.ToInt64(started["expires_in_seconds"], System.Globalization.CultureInfo.InvariantCulture));
        var progress = new Progress<PollProgress>(p => stderr.WriteLine(
            $"Waiting for approval... next check in {p.NextPollInSeconds} s" + (p.CodeExpiresIn is { } left ? $", code valid for {left.TotalMinutes:0} min" : "") + (p.LastError is { } e ? $" ({e})" : "")));
        try
        {
            return await module.PollUntilCompleteAsync(expiresIn, progress, cancellationToken, pendingId).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            await module.CancelSignInAsync(pendingId).ConfigureAwait(false);
            throw;
        }
    }

    private static async Task OpenAsync(Uri url, TextWriter stderr)
    {
        await stderr.WriteLineAsync($"Sign in at: {url}").ConfigureAwait(false);
        var graphical = Environment.GetEnvironmentVariable("DISPLAY") is not null || Environment.GetEnvironmentVariable("WAYLAND_DISPLAY") is not null;
        var opener = OperatingSystem.IsMacOS() ? "/usr/bin/open" : "/usr/bin/xdg-open";
        if ((graphical || OperatingSystem.IsMacOS()) && File.Exists(opener))
        {
            try
            {
                using var process = Process.Start(new ProcessStartInfo(opener, [url.AbsoluteUri]) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true });
            }
            catch (System.ComponentModel.Win32Exception)
            {
                // No browser: the URL printed above is the way in.
            }
        }
    }
}
