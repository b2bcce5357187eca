namespace XaiGrok.Onboarding.Cli.Terminal;

/// <summary>
/// What <c>login</c> shows a person on stderr before it waits: the code and the URL as text always, the QR code when
/// a terminal has room for it, and the page opened in a browser when there is one (and neither was turned off).
/// </summary>
internal sealed class LoginScreen(TextWriter stderr, StderrTerminal terminal, TimeProvider clock, bool qrCode, bool browser)
{
    public async Task ShowDeviceCodeAsync(string userCode, string urlWithCode)
    {
        // First line: the code and the URL together, so a person (or a test) reading one line has both.
        await stderr.WriteLineAsync($"Open {urlWithCode} and approve the code {userCode}.").ConfigureAwait(false);
        if (TerminalQrCode.ForTerminal(urlWithCode, terminal, qrCode) is { } code)
        {
            await stderr.WriteLineAsync("Or scan this with your phone:").ConfigureAwait(false);
            foreach (var line in code.Lines)
            {
                await stderr.WriteLineAsync(line).ConfigureAwait(false);
            }
        }

        await OpenAsync(new Uri(urlWithCode)).ConfigureAwait(false);
    }

    /// <summary>
    /// A browser sign-in (xAI OAuth or the company's OIDC): it redirects to this machine's loopback, so no QR code (a
    /// phone could not finish it). The URL stands alone on its line, for a person to copy.
    /// </summary>
    public async Task ShowSignInPageAsync(Uri url)
    {
        // AbsoluteUri keeps the percent-escapes (Uri.ToString() would turn %20 back into spaces, and a URL copied
        // from the terminal would then lose its parameters).
        await stderr.WriteLineAsync("Sign in at this URL in a browser on this machine:").ConfigureAwait(false);
        await stderr.WriteLineAsync(url.AbsoluteUri).ConfigureAwait(false);
        await OpenAsync(url).ConfigureAwait(false);
    }

    /// <summary>The spinner on a terminal (disposable: disposing blanks its line), else one plain line a poll.</summary>
    public IProgress<PollProgress> Waiting() =>
        terminal.Interactive ? new PollSpinner(stderr, clock, terminal.Size) : new PlainProgress(stderr);

    private async Task OpenAsync(Uri url)
    {
        if (browser && BrowserLauncher.TryOpen(url))
        {
            await stderr.WriteLineAsync("Opened it in your browser.").ConfigureAwait(false);
        }
    }
}
