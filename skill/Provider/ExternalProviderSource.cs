using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using XaiGrok.Onboarding.Credentials;
using XaiGrok.Onboarding.Errors;
using XaiGrok.Onboarding.Logging;
using XaiGrok.Onboarding.Protocol;
using XaiGrok.Onboarding.Secrets;
using XaiGrok.Onboarding.Tiers;
using XaiGrok.Onboarding.Tokens;

namespace XaiGrok.Onboarding.Provider;

/// <summary>
/// The external auth provider as a source of the session token: runs the command and turns its stdout into a
/// credential (source <c>external_provider</c>), or says why it was skipped (non-zero exit, empty output, timeout,
/// not found), so that the next source can be tried and <c>status</c> can tell why. What it printed on stdout is a
/// secret even when it failed: it is added to <c>secrets</c> before anything it printed is shown.
/// </summary>
internal sealed class ExternalProviderSource(OnboardingOptions options, TimeProvider clock, ILogger? logger = null, SecretRegistry? secrets = null)
{
    private readonly ILogger log = logger ?? NullLogger.Instance;
    private readonly SecretRegistry known = secrets ?? new SecretRegistry();
    private readonly Action<ProviderMessage>? display = options.OnProviderMessage;

    public bool IsConfigured => options.ProviderCommand is not null;

    public string Label => options.ProviderLabel ?? "external auth provider";

    public async Task<Outcome<Credential>> FetchAsync(bool expired, CancellationToken cancellationToken)
    {
        var started = clock.GetTimestamp();
        var heard = ProviderMessageLog.Current;
        heard?.StartRun();
        var shown = new LiveLines(this, heard);
        LogEvents.ProviderRunning(log, Label, expired, (long)options.ProviderTimeout.TotalSeconds);
        var run = await ProviderProcess.RunAsync(options.ProviderCommand!, expired, options.ProviderTimeout, clock, cancellationToken, shown.Take).ConfigureAwait(false);
        RememberTokens(run.Stdout);
        var skipped = Skip(run);
        var elapsed = (long)clock.GetElapsedTime(started).TotalMilliseconds;
        if (skipped is { } reason)
        {
            LogOutcome(run, reason, elapsed);
            return new Failure(ErrorCodes.NotConnected, $"{Label} was skipped: {reason}.", known.Redact(Hint(run)))
            {
                SignInUrl = run.SignInUrl is { } url ? known.Redact(url) : null,
                ProviderMessages = Messages(run),
            };
        }

        var token = ProviderToken.Parse(run.Stdout)!;
        var now = clock.GetUtcNow();
        var claims = AccessTokenClaims.Read(token.AccessToken);
        var lifetime = token.ExpiresInSeconds ?? (long?)options.ProviderTokenTtl?.TotalSeconds;
        var expiresAt = TokenLifetime.ExpiresAt(now, lifetime, claims.ExpiresAt);
        LogEvents.ProviderReturnedToken(log, Label, expiresAt, elapsed);
        return new Credential
        {
            Source = CredentialSources.ExternalProvider,
            AccessToken = token.AccessToken,
            RefreshToken = token.RefreshToken,
            ExpiresAt = expiresAt,
            ObtainedAt = now,
            Tier = claims.Tier,
            Subject = claims.Subject,
            Email = claims.Email,
        };
    }

    private static string? Skip(ProviderRun run) => run switch
    {
        { StartProblem: { } problem } => problem,
        { TimedOut: true } => "it timed out (likely needs interactive auth) and was killed",
        { ExitCode: 127 } => "the command was not found (check GROK_AUTH_PROVIDER_COMMAND)",
        { ExitCode: 126 } => "the command is not executable (check its permissions)",
        { ExitCode: not 0 } => $"it exited {run.ExitCode}",
        { StdoutTooLarge: true } => $"its output was larger than {ProviderProcess.MaxStdoutBytes / 1024} KiB",
        _ when ProviderToken.Parse(run.Stdout) is null => "it printed no usable token on stdout (a token is at least 4 printable characters)",
        _ => null,
    };

    private static string Hint(ProviderRun run) => run.SignInUrl is { } url
        ? $"The provider asks to sign in at {url}; then try again."
        : "Check the provider command (GROK_AUTH_PROVIDER_COMMAND) by running it in a shell: stdout must be only the token.";

    /// <summary>The provider's stderr for the person, with every known secret (its own token first) cut out.</summary>
    private IReadOnlyList<string> Messages(ProviderRun run) => [.. run.StderrLines.Take(20).Select(line => ProviderLineRedaction.Apply(known.Redact(line)))];

    // The seed's five lines ("Common log messages"): not found or not executable is "failed to start", as a binary
    // that could not be spawned is for the Grok CLI (sh reports it as 127 or 126).
    private void LogOutcome(ProviderRun run, string reason, long elapsedMs)
    {
        switch (run)
        {
            case { TimedOut: true }:
                LogEvents.ProviderTimedOut(log, Label, (long)options.ProviderTimeout.TotalSeconds);
                break;
            case { StartProblem: not null } or { ExitCode: 126 or 127 }:
                LogEvents.ProviderFailedToStart(log, Label, reason);
                break;
            default:
                LogEvents.ProviderFailed(log, Label, reason, elapsedMs);
                break;
        }
    }

    // The token, parsed as on success, and any stdout line that is one token-like word: a provider that failed may
    // still have printed its token, and may repeat it on stderr.
    private void RememberTokens(string stdout)
    {
        if (ProviderToken.Parse(stdout) is { } token)
        {
            known.Add(token.AccessToken);
            known.Add(token.RefreshToken);
        }

        foreach (var line in stdout.Split('\n'))
        {
            var word = line.Trim();
            if (TextChecks.IsSecretValue(word, ProviderProcess.MaxStdoutBytes))
            {
                known.Add(word);
            }
        }
    }

    /// <summary>
    /// Passes each stderr line on as it arrives: to the host's <see cref="OnboardingOptions.OnProviderMessage"/> and to
    /// the call's result, with every credential cut out first (what stdout held so far included, and anything shaped
    /// like a JWT, which a provider may print before its stdout shows it). The first https URL is the sign-in link.
    /// </summary>
    private sealed class LiveLines(ExternalProviderSource source, ProviderMessageLog? heard)
    {
        private int urlShown;

        public void Take(string line, string stdoutSoFar)
        {
            source.RememberTokens(stdoutSoFar);
            var redacted = ProviderLineRedaction.Apply(source.known.Redact(line));
            heard?.Add(redacted);
            var url = ProviderLineRedaction.FirstHttpsUrl(redacted) is { } found && Interlocked.Exchange(ref urlShown, 1) == 0 ? found : null;
            if (source.display is not { } show)
            {
                return;
            }

            try
            {
                show(new ProviderMessage(redacted, url));
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                // The host's display failed: the provider's run, and the person's sign-in, go on without it.
                LogEvents.ProviderDisplayFailed(source.log, exception.GetType().Name);
            }
        }
    }
}
