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

    public bool IsConfigured => options.ProviderCommand is not null;

    public string Label => options.ProviderLabel ?? "external auth provider";

    public async Task<Outcome<Credential>> FetchAsync(bool expired, CancellationToken cancellationToken)
    {
        var started = clock.GetTimestamp();
        var run = await ProviderProcess.RunAsync(options.ProviderCommand!, expired, options.ProviderTimeout, clock, cancellationToken).ConfigureAwait(false);
        RememberTokens(run);
        var skipped = Skip(run);
        LogEvents.ProviderRan(log, Label, skipped ?? "a token", (long)clock.GetElapsedTime(started).TotalMilliseconds);
        if (skipped is { } reason)
        {
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
        return new Credential
        {
            Source = CredentialSources.ExternalProvider,
            AccessToken = token.AccessToken,
            RefreshToken = token.RefreshToken,
            ExpiresAt = TokenLifetime.ExpiresAt(now, lifetime, claims.ExpiresAt),
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
    private IReadOnlyList<string> Messages(ProviderRun run) => [.. run.StderrLines.Take(20).Select(known.Redact)];

    // The token, parsed as on success, and any stdout line that is one token-like word: a provider that failed may
    // still have printed its token, and may repeat it on stderr.
    private void RememberTokens(ProviderRun run)
    {
        if (ProviderToken.Parse(run.Stdout) is { } token)
        {
            known.Add(token.AccessToken);
            known.Add(token.RefreshToken);
        }

        foreach (var line in run.Stdout.Split('\n'))
        {
            var word = line.Trim();
            if (TextChecks.IsSecretValue(word, ProviderProcess.MaxStdoutBytes))
            {
                known.Add(word);
            }
        }
    }
}
