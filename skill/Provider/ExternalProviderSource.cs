using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using XaiGrok.Onboarding.Credentials;
using XaiGrok.Onboarding.Errors;
using XaiGrok.Onboarding.Logging;
using XaiGrok.Onboarding.Tiers;
using XaiGrok.Onboarding.Tokens;

namespace XaiGrok.Onboarding.Provider;

/// <summary>
/// The external auth provider as a source of the session token: runs the command and turns its stdout into a
/// credential (source <c>external_provider</c>), or says why it was skipped (non-zero exit, empty output, timeout,
/// not found), so that the next source can be tried and <c>status</c> can tell why.
/// </summary>
internal sealed class ExternalProviderSource(OnboardingOptions options, TimeProvider clock, ILogger? logger = null)
{
    private readonly ILogger log = logger ?? NullLogger.Instance;

    public bool IsConfigured => options.ProviderCommand is not null;

    public string Label => options.ProviderLabel ?? "external auth provider";

    public async Task<Outcome<Credential>> FetchAsync(bool expired, CancellationToken cancellationToken)
    {
        var started = clock.GetTimestamp();
        var run = await ProviderProcess.RunAsync(options.ProviderCommand!, expired, options.ProviderTimeout, clock, cancellationToken).ConfigureAwait(false);
        var skipped = Skip(run);
        LogEvents.ProviderRan(log, Label, skipped ?? "a token", (long)clock.GetElapsedTime(started).TotalMilliseconds);
        if (skipped is { } reason)
        {
            return new Failure(ErrorCodes.NotConnected, $"{Label} was skipped: {reason}.", Hint(run)) { SignInUrl = run.SignInUrl, ProviderMessages = Messages(run, null) };
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
        _ when ProviderToken.Parse(run.Stdout) is null => "it printed no usable token on stdout",
        _ => null,
    };

    private static string Hint(ProviderRun run) => run.SignInUrl is { } url
        ? $"The provider asks to sign in at {url}; then try again."
        : "Check the provider command (GROK_AUTH_PROVIDER_COMMAND) by running it in a shell: stdout must be only the token.";

    /// <summary>The provider's stderr for the person, less any line that repeats the token it printed.</summary>
    private static IReadOnlyList<string> Messages(ProviderRun run, string? token) =>
        [.. run.StderrLines.Where(line => token is null || !line.Contains(token, StringComparison.Ordinal)).Take(20)];
}
