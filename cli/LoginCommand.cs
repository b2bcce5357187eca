using System.CommandLine;
using System.Globalization;
using XaiGrok.Onboarding.Cli.Terminal;
using XaiGrok.Onboarding.Credentials;

namespace XaiGrok.Onboarding.Cli;

/// <summary>
/// <c>login</c> for a person at a terminal: xAI OAuth in the browser (<c>--oauth</c>, the default where a browser can be
/// opened), the device sign-in (<c>--device-auth</c> / <c>--device-code</c>, the default elsewhere), which shows the
/// code, the URL and its QR code and waits on the interval behind a spinner, or <c>--oidc</c> through the company's
/// identity provider (the default when it is configured); an external auth provider, when configured, is tried first.
/// It ends with a summary for the person, or with
/// <c>--json</c> the one JSON result. Ctrl-C leaves no sign-in pending.
/// </summary>
internal static class LoginCommand
{
    public static Command Build(Func<GrokOnboarding> module, TextWriter stdout, TextWriter stderr, Option<bool> json, TimeProvider clock)
    {
        var oauth = new Option<bool>("--oauth") { Description = "Sign in through xAI OAuth in the browser (the default where a browser can be opened; XAI_OAUTH_REDIRECT_PORT fixes the redirect port)." };
        var oidc = new Option<bool>("--oidc") { Description = "Sign in through your company's identity provider (GROK_OIDC_ISSUER, GROK_OIDC_CLIENT_ID), with a browser (the default when both are set)." };
        var device = new Option<bool>("--device-auth", "--device-code") { Description = "Sign in with the device code flow (the default where no browser can be opened): open a URL on any device and approve." };
        var noQr = new Option<bool>("--no-qr") { Description = "Do not draw the QR code of the sign-in URL (it is drawn only when stderr is a terminal big enough for it)." };
        var noBrowser = new Option<bool>("--no-browser") { Description = "Do not open a browser; open the printed URL yourself, on any device." };
        var command = new Command("login", "Sign in interactively and wait until it completes, then show the subscription and its models (for a person at a terminal; agents use start and poll).")
        {
            oauth, oidc, device, noQr, noBrowser,
        };
        command.Validators.Add(parsed =>
        {
            if (new[] { oauth, oidc, device }.Count(flag => parsed.GetValue(flag)) > 1)
            {
                parsed.AddError("Choose one of --oauth, --oidc and --device-auth.");
            }
        });
        command.SetAction(async (result, cancellationToken) =>
        {
            var openBrowser = !result.GetValue(noBrowser);
            var screen = new LoginScreen(stderr, StderrTerminal.For(stderr), clock, qrCode: !result.GetValue(noQr), browser: openBrowser);

            // The seed's order: the external provider first; when it fails, the interactive sign-in the flags chose.
            var viaProvider = await ProviderFirstAsync(module(), stderr, cancellationToken).ConfigureAwait(false);
            var outcome = viaProvider is { Ok: true }
                ? viaProvider
                : LoginFlowChoice.Choose(
                    result.GetValue(oauth), result.GetValue(oidc), result.GetValue(device), SessionFillOrder.IsOidcConfigured(module().Options), () => openBrowser && BrowserLauncher.CanOpen()) switch
                {
                    LoginFlow.OAuth => await module().LoginOAuthAsync(screen.ShowSignInPageAsync, cancellationToken).ConfigureAwait(false),
                    LoginFlow.Oidc => await module().LoginOidcAsync(screen.ShowSignInPageAsync, cancellationToken).ConfigureAwait(false),
                    _ => await DeviceAsync(module(), screen, cancellationToken).ConfigureAwait(false),
                };
            if (viaProvider is { Ok: false } failed)
            {
                outcome = ResultMapper.WithProviderMessages(outcome, failed.TryGetValue("provider_messages", out var lines) && lines is IEnumerable<string> said ? [.. said] : [], (string?)failed["detail"]);
            }

            if (result.GetValue(json))
            {
                return await CliApplication.PrintAsync(stdout, outcome, indented: true).ConfigureAwait(false);
            }

            await stdout.WriteAsync(LoginSummary.Write(outcome)).ConfigureAwait(false);
            await stdout.FlushAsync(CancellationToken.None).ConfigureAwait(false);
            return LoginSummary.Connected(outcome) ? 0 : 1;
        });
        return command;
    }

    /// <summary>
    /// The external auth provider comes first when one is configured (GROK-CLI-AUTH.md: it fills the session before
    /// any other source); its lines reach stderr as it prints them. When it fails, login goes on with the interactive
    /// sign-in the flags chose, as the Grok CLI's does. Null when no provider is configured.
    /// </summary>
    private static async Task<SkillResult?> ProviderFirstAsync(GrokOnboarding module, TextWriter stderr, CancellationToken cancellationToken)
    {
        if (module.Options.ProviderCommand is null)
        {
            return null;
        }

        var signedIn = await module.LoginWithProviderAsync(cancellationToken).ConfigureAwait(false);
        if (!signedIn.Ok)
        {
            await stderr.WriteLineAsync($"{signedIn["detail"]} Signing in interactively instead.").ConfigureAwait(false);
        }

        return signedIn;
    }

    private static async Task<SkillResult> DeviceAsync(GrokOnboarding module, LoginScreen screen, CancellationToken cancellationToken)
    {
        var started = await module.StartAsync(cancellationToken).ConfigureAwait(false);
        if (!started.Ok)
        {
            return started;
        }

        var pendingId = (string)started["pending_id"]!;
        await screen.ShowDeviceCodeAsync((string)started["user_code"]!, (string)started["verification_url_with_code"]!).ConfigureAwait(false);
        var expiresIn = TimeSpan.FromSeconds(Convert.ToInt64(started["expires_in_seconds"], CultureInfo.InvariantCulture));
        var progress = screen.Waiting();

        // Disposing the spinner blanks its line before the summary, or before "cancelled" on Ctrl-C.
        using var spinner = progress as IDisposable;
        try
        {
            return await module.PollUntilCompleteAsync(expiresIn, progress, pendingId, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            await module.CancelSignInAsync(pendingId).ConfigureAwait(false);
            throw;
        }
    }
}
