using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using XaiGrok.Onboarding.Credentials;
using XaiGrok.Onboarding.Errors;
using XaiGrok.Onboarding.Http;
using XaiGrok.Onboarding.Logging;
using XaiGrok.Onboarding.Protocol;
using XaiGrok.Onboarding.Provider;
using XaiGrok.Onboarding.Storage;
using XaiGrok.Onboarding.Stores;
using XaiGrok.Onboarding.Telemetry;
using XaiGrok.Onboarding.Tiers;
using XaiGrok.Onboarding.Tokens;
using Parameters = XaiGrok.Onboarding.Protocol.OAuthConstants.Parameters;

namespace XaiGrok.Onboarding.Session;

/// <summary>
/// Hands out a usable credential and refreshes it, one refresh at a time across threads (a gate) and processes (the
/// file lock). Refresh tokens rotate, so under the lock the file is read again first: a token a sibling already
/// refreshed is adopted instead of spending the refresh token twice; the space for the new pair is taken before the
/// request, which then runs to its end whatever the caller does, and the pair is written before anyone uses it; a
/// refresh whose answer was lost is never resent.
/// </summary>
internal sealed class SessionManager(ICredentialStore store, Func<TokenEndpointClient> tokens, TimeProvider clock, TimeSpan earlyRefresh, ExternalProviderSource? provider = null, ILogger? logger = null, TelemetryRecorder? telemetry = null) : IDisposable
{
    private readonly ILogger log = logger ?? NullLogger.Instance;
    private readonly SemaphoreSlim gate = new(1, 1);
    private volatile Task? inFlight;

    /// <summary>Why the external provider was skipped on the last call that tried it (for <c>status</c>).</summary>
    public Failure? LastProviderSkip { get; private set; }

    public ICredentialStore Store => store;

    /// <summary>True while a refresh that was sent waits for its answer to be stored.</summary>
    public bool RefreshInFlight => inFlight is { IsCompleted: false };

    /// <summary>This instance's telemetry: the services that share the session (chat, media, sign-in) record through it.</summary>
    public TelemetryRecorder Telemetry { get; } = telemetry ?? new TelemetryRecorder(clock);

    /// <summary>The credential, refreshed first when it is inside the early-refresh window.</summary>
    public async Task<Outcome<Credential>> GetUsableAsync(CancellationToken cancellationToken)
    {
        var read = await store.ReadOrQuarantineAsync(cancellationToken).ConfigureAwait(false);
        if (provider is { IsConfigured: true } && NeedsProvider(read.Credential, clock.GetUtcNow()))
        {
            // The external provider is the first source of the session token (GROK-CLI-AUTH.md, precedence).
            var filled = await FillFromProviderAsync(read.Credential, cancellationToken).ConfigureAwait(false);
            if (filled.IsSuccess)
            {
                return filled;
            }

            LastProviderSkip = filled.Failure;
            read = store.Read();
            if (read.Credential is null)
            {
                return filled.Failure;
            }
        }

        if (read.Credential is not { } credential)
        {
            return NotConnected(read.Problem);
        }

        if (credential.NeedsReauth)
        {
            return new Failure(ErrorCodes.ReauthRequired, $"the stored session needs a new sign-in ({credential.ReauthReason}).", Hints.LoginAgain);
        }

        var now = clock.GetUtcNow();
        if (credential.IsFresh(now, earlyRefresh))
        {
            return credential;
        }

        var refreshed = await RefreshAsync(credential, force: false, cancellationToken).ConfigureAwait(false);

        // Inside the early window the old token still works: a failed early refresh must not stop the call.
        return refreshed.IsSuccess || credential.IsExpired(now) || refreshed.Failure.Code == ErrorCodes.ReauthRequired
            ? refreshed
            : credential;
    }

    /// <summary>
    /// Refreshes the session. <paramref name="seen"/> is the credential the caller found unusable: if the file holds
    /// a different, fresh one, a sibling refreshed meanwhile and that one is returned without a request. Once the
    /// refresh request is sent it runs to the end and its answer is stored whatever <paramref name="cancellationToken"/>
    /// does (the caller still gets its <see cref="OperationCanceledException"/>): the server has spent the stored refresh
    /// token, so an answer dropped half-way would lose the session.
    /// </summary>
    public async Task<Outcome<Credential>> RefreshAsync(Credential? seen, bool force, CancellationToken cancellationToken)
    {
        using var observed = Telemetry.BeginRefresh();
        return observed.Refreshed(await RefreshCoreAsync(seen, force, observed, cancellationToken).ConfigureAwait(false));
    }

    private async Task<Outcome<Credential>> RefreshCoreAsync(Credential? seen, bool force, TelemetryScope observed, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        IDisposable? held = null;
        Task<Outcome<Credential>>? exchange = null;
        try
        {
            held = await store.LockAsync(cancellationToken).ConfigureAwait(false);
            var read = store.Read();
            if (read.Credential is not { } current)
            {
                return NotConnected(read.Problem);
            }

            if (current.NeedsReauth)
            {
                return new Failure(ErrorCodes.ReauthRequired, $"the stored session needs a new sign-in ({current.ReauthReason}).", Hints.LoginAgain);
            }

            observed.Server(current.TokenEndpoint);
            var now = clock.GetUtcNow();
            var someoneElseRefreshed = seen is not null && !string.Equals(seen.AccessToken, current.AccessToken, StringComparison.Ordinal);
            // A sibling's new token is adopted even inside the early window: refreshing again would spend a
            // rotation for nothing (and, with an early window longer than the token's life, never stop).
            if ((someoneElseRefreshed && !current.IsExpired(now)) || (!force && current.IsFresh(now, earlyRefresh)))
            {
                if (someoneElseRefreshed)
                {
                    LogEvents.AdoptedSibling(log, current.ExpiresAt);
                }

                observed.Note = someoneElseRefreshed ? TelemetryNames.Values.AdoptedFromSibling : TelemetryNames.Values.AlreadyFresh;

                return current;
            }

            if (current.Source == CredentialSources.ExternalProvider && provider is { IsConfigured: true })
            {
                // A provider token is renewed by running the provider again, told that the token expired.
                var renewed = await provider.FetchAsync(expired: true, cancellationToken).ConfigureAwait(false);
                if (renewed.IsSuccess)
                {
                    store.Write(renewed.Value);
                    LogEvents.Refreshed(log, renewed.Value.Source, renewed.Value.ExpiresAt);
                }

                return renewed;
            }

            if (current.RefreshToken is null || current.TokenEndpoint is null || current.ClientId is null
                || !Uri.TryCreate(current.TokenEndpoint, UriKind.Absolute, out var endpoint))
            {
                return current.IsExpired(now)
                    ? new Failure(ErrorCodes.ReauthRequired, "the session has expired and holds no refresh token.", Hints.LoginAgain)
                    : new Failure(ErrorCodes.ReauthRequired, "the session holds no refresh token, so it cannot be refreshed; it stays usable until it expires.", Hints.LoginAgain);
            }

            // The space for the answer is taken before the refresh token is spent: after the request, nothing may
            // fail for lack of room.
            ICredentialReservation reserved;
            try
            {
                reserved = store.Reserve(current);
            }
            catch (StorageException e)
            {
                var failure = new Failure(ErrorCodes.CredentialStoreError, $"no refresh was sent, so the stored session is unchanged: the space for the refreshed tokens could not be reserved ({e.Message}).", e.Hint ?? Hints.FreeSpaceThenRetry);
                LogEvents.RefreshFailed(log, failure.Code, failure.Detail);
                return failure;
            }

            // From here the exchange owns the gate, the lock and the reservation, and no caller can cut it short.
            exchange = ExchangeAsync(current, endpoint, reserved, held, observed);
            inFlight = exchange;
            return await exchange.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            if (exchange is null)
            {
                held?.Dispose();
                gate.Release();
            }
        }
    }

    /// <summary>
    /// Waits (at most <paramref name="limit"/>) for a refresh that was sent to be stored: a process about to exit, or a
    /// host disposing the module, would otherwise drop an answer whose caller was cancelled.
    /// </summary>
    public bool WaitForExchange(TimeSpan limit)
    {
        try
        {
            return inFlight is not { } running || running.Wait(limit);
        }
        catch (AggregateException)
        {
            return true;
        }
    }

    /// <summary>
    /// Releases the gate. A refresh still in flight (its caller gone and <see cref="WaitForExchange"/> out of time)
    /// releases the gate in its own finally, so the gate goes once that refresh ends rather than under it.
    /// </summary>
    public void Dispose()
    {
        if (inFlight is { IsCompleted: false } running)
        {
            _ = running.ContinueWith(static (_, state) => ((SemaphoreSlim)state!).Dispose(), gate, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            return;
        }

        gate.Dispose();
    }

    /// <summary>
    /// Sends the refresh and stores what comes back. Bounded by the token pipeline's own timeouts, never by a caller;
    /// releases the lock and the gate only once the answer is stored.
    /// </summary>
    private async Task<Outcome<Credential>> ExchangeAsync(Credential current, Uri endpoint, ICredentialReservation reserved, IDisposable held, TelemetryScope observed)
    {
        try
        {
            KeyValuePair<string, string>[] form =
            [
                new(Parameters.GrantType, OAuthConstants.GrantTypes.RefreshToken),
                new(Parameters.RefreshToken, current.RefreshToken!),
                new(Parameters.ClientId, current.ClientId!),
            ];
            var answer = await tokens().RequestAsync(endpoint, form, RequestKind.RetryOnlyOnServerAnswer, CancellationToken.None).ConfigureAwait(false);
            // Counted here, not by the caller, who may have given up: the outcome is what the server and the file say.
            var settled = observed.Refreshed(await SettleAsync(current, answer, reserved).ConfigureAwait(false));
            if (settled.IsSuccess)
            {
                LogEvents.Refreshed(log, settled.Value.Source, settled.Value.ExpiresAt);
            }
            else
            {
                LogEvents.RefreshFailed(log, settled.Failure.Code, settled.Failure.Detail);
            }

            return settled;
        }
        finally
        {
            reserved.Dispose();
            held.Dispose();
            gate.Release();
        }
    }

    private static bool NeedsProvider(Credential? stored, DateTimeOffset now) =>
        stored is null
        || stored.NeedsReauth
        || (stored.Source == CredentialSources.ExternalProvider && now >= stored.ExpiresAt)
        || (stored.IsExpired(now) && stored.RefreshToken is null);

    /// <summary>Runs the provider once across threads and processes; a token a sibling just got is adopted.</summary>
    private async Task<Outcome<Credential>> FillFromProviderAsync(Credential? seen, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var held = await store.LockAsync(cancellationToken).ConfigureAwait(false);
            var current = store.Read().Credential;
            var now = clock.GetUtcNow();
            if (current is not null && !NeedsProvider(current, now) && !string.Equals(current.AccessToken, seen?.AccessToken, StringComparison.Ordinal))
            {
                return current;
            }

            var fetched = await provider!.FetchAsync(expired: current?.Source == CredentialSources.ExternalProvider, cancellationToken).ConfigureAwait(false);
            if (fetched.IsSuccess)
            {
                store.Write(fetched.Value);
                LastProviderSkip = null;
            }

            return fetched;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>
    /// Runs the provider for an interactive sign-in, whatever is stored (the person asked to sign in again), and stores
    /// its token; under the gate and the file lock like every other writer. A failure leaves the stored session as it was.
    /// </summary>
    public async Task<Outcome<Credential>> LoginWithProviderAsync(CancellationToken cancellationToken)
    {
        using var observed = Telemetry.BeginSignIn(TelemetryNames.Activities.SignIn, TelemetryNames.Values.Provider, issuer: null);
        observed.SignInStarted();
        return observed.SignInEnded(await LoginWithProviderCoreAsync(cancellationToken).ConfigureAwait(false));
    }

    private async Task<Outcome<Credential>> LoginWithProviderCoreAsync(CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var held = await store.LockAsync(cancellationToken).ConfigureAwait(false);
            var fetched = await provider!.FetchAsync(expired: false, cancellationToken).ConfigureAwait(false);
            if (fetched.IsSuccess)
            {
                store.Write(fetched.Value);
                LastProviderSkip = null;
            }
            else
            {
                LastProviderSkip = fetched.Failure;
            }

            return fetched;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Builds the stored credential from a token answer (sign-in or refresh).</summary>
    public Credential FromTokens(TokenResponse tokens, Credential template)
    {
        var now = clock.GetUtcNow();
        var claims = AccessTokenClaims.Read(tokens.AccessToken);
        return template with
        {
            AccessToken = tokens.AccessToken,

            // RFC 6749 §6: a refresh answer without a refresh token leaves the old one valid.
            RefreshToken = tokens.RefreshToken ?? template.RefreshToken,
            IdToken = tokens.IdToken ?? template.IdToken,
            ExpiresAt = TokenLifetime.ExpiresAt(now, tokens.ExpiresInSeconds, claims.ExpiresAt),
            ObtainedAt = now,
            Tier = claims.Tier ?? template.Tier,
            Subject = claims.Subject ?? template.Subject,
            Email = claims.Email ?? template.Email,
            ReauthReason = null,
        };
    }

    private async Task<Outcome<Credential>> SettleAsync(Credential current, TokenAnswer answer, ICredentialReservation reserved)
    {
        if (answer.Tokens is { } issued)
        {
            var next = FromTokens(issued, current);
            try
            {
                await reserved.CommitAnswerAsync(next).ConfigureAwait(false);
                return next;
            }
            catch (StorageException e)
            {
                return Lost(current, reserved, e);
            }
        }

        if (answer.Error is { } error)
        {
            if (error is OAuthConstants.Errors.InvalidGrant or OAuthConstants.Errors.InvalidClient or OAuthConstants.Errors.UnauthorizedClient)
            {
                MarkReauth(current, reserved, $"refresh refused: {error}");
                return new Failure(ErrorCodes.ReauthRequired, $"the refresh was refused ({error}): the session was revoked or the refresh token was already used.", Hints.LoginAgain) { ServerError = error };
            }

            return new Failure(ErrorCodes.OAuthError, $"the refresh was refused ({error}{(answer.ErrorDescription is null ? "" : ": " + answer.ErrorDescription)}).", "Try refresh again later; the stored session is kept.") { ServerError = error };
        }

        var failure = answer.Failure!;
        return answer.MayHaveBeenConsumed
            ? failure with { Detail = failure.Detail + " The refresh was not resent (the server may have used the refresh token); the stored session is kept." }
            : failure;
    }

    /// <summary>
    /// The server issued new tokens and spent the stored refresh token, but the new pair could not be written: the
    /// session is gone, and the stored copy is marked so that nobody resends the spent token (which would revoke the
    /// grant, and tell the person nothing new).
    /// </summary>
    private Failure Lost(Credential current, ICredentialReservation reserved, StorageException problem)
    {
        var stored = MarkReauth(current, reserved, "the refreshed tokens could not be saved")
            ? "the stored session was marked as needing a new sign-in"
            : "the stored session could not be marked either";
        return new Failure(
            ErrorCodes.ReauthRequired,
            $"xAI issued new tokens but they could not be saved ({problem.InnerException?.Message ?? problem.Message}); the previous refresh token is spent, so this session is lost and {stored}.",
            problem.Hint is { } hint ? $"Repeating the refresh cannot bring this session back. {hint} Then sign in again when the person wants to reconnect." : Hints.SessionLostUnsaved);
    }

    /// <summary>Marks the stored credential as needing a new sign-in, in the reserved room, else by deleting it.</summary>
    /// <returns>False when neither worked.</returns>
    private bool MarkReauth(Credential current, ICredentialReservation reserved, string reason)
    {
        try
        {
            // The marked credential is the current one and a few bytes: the reservation always has room for it.
            reserved.Commit(current with { ReauthReason = reason });
            return true;
        }
        catch (StorageException)
        {
            try
            {
                store.Delete();
                return true;
            }
            catch (StorageException)
            {
                return false;
            }
        }
    }

    /// <summary>The failure for "nothing stored at all", as opposed to a stored file that cannot be used.</summary>
    public static readonly Failure NoSession = new(ErrorCodes.NotConnected, "no xAI session is stored.", Hints.Connect);

    private static Failure NotConnected(string? problem) => problem is null
        ? NoSession
        : new Failure(ErrorCodes.NotConnected, problem, "Sign in again: run start, then poll after approving.");
}
