using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using XaiGrok.Onboarding.Credentials;
using XaiGrok.Onboarding.DeviceGrant;
using XaiGrok.Onboarding.Discovery;
using XaiGrok.Onboarding.Errors;
using XaiGrok.Onboarding.Logging;
using XaiGrok.Onboarding.Models;
using XaiGrok.Onboarding.Protocol;
using XaiGrok.Onboarding.Session;
using XaiGrok.Onboarding.Storage;
using XaiGrok.Onboarding.Stores;
using XaiGrok.Onboarding.Telemetry;

namespace XaiGrok.Onboarding.SignIn;

/// <summary>
/// The device sign-in across processes: <see cref="StartAsync"/> saves the flow, <see cref="PollAsync"/> (maybe in
/// another process, minutes later) polls it at most once, under a lock so two pollers never race the interval.
/// </summary>
internal sealed class SignInService(
    OnboardingOptions options,
    Func<DiscoveryClient> discovery,
    Func<DeviceAuthorizationClient> deviceAuthorization,
    DeviceTokenPoller poller,
    IPendingFlowStore flows,
    CompletedSignIns completed,
    SessionManager session,
    ModelService models,
    TimeProvider clock,
    ILogger? logger = null)
{
    private static readonly Failure Denied = new(ErrorCodes.AccessDenied, $"xAI denied the sign-in ({OAuthConstants.Errors.AccessDenied}): the account gate refused this account, or the person chose Deny.", Hints.AccountGate) { ServerError = OAuthConstants.Errors.AccessDenied };

    private static readonly Failure Expired = new(ErrorCodes.Expired, "the sign-in code expired before it was approved.", Hints.StartAgain);

    private readonly ILogger log = logger ?? NullLogger.Instance;

    public async Task<Outcome<PendingFlow>> StartAsync(CancellationToken cancellationToken)
    {
        using var observed = session.Telemetry.BeginSignIn(TelemetryNames.Activities.SignInStart, TelemetryNames.Values.Device, options.Issuer);
        return observed.SignInStarted(await StartCoreAsync(cancellationToken).ConfigureAwait(false));
    }

    private async Task<Outcome<PendingFlow>> StartCoreAsync(CancellationToken cancellationToken)
    {
        if (options.ClientId is not { } clientId)
        {
            return new Failure(ErrorCodes.ClientNotConfigured, "XAI_OAUTH_CLIENT_ID is not set, so there is no OAuth client to sign in with.", Hints.ConfigureClient);
        }

        var document = await discovery().GetAsync(options.Issuer, cancellationToken).ConfigureAwait(false);
        if (!document.IsSuccess)
        {
            return document.Failure;
        }

        if (document.Value.DeviceAuthorizationEndpoint is not { } endpoint)
        {
            return new Failure(ErrorCodes.InvalidResponse, "the issuer's discovery document has no device_authorization_endpoint.", "This issuer does not offer the device sign-in; check XAI_OAUTH_ISSUER.");
        }

        var authorization = await deviceAuthorization().RequestAsync(endpoint, options.Issuer, clientId, options.Scopes, cancellationToken).ConfigureAwait(false);
        if (!authorization.IsSuccess)
        {
            return authorization.Failure;
        }

        var granted = authorization.Value;
        var now = clock.GetUtcNow();
        var flow = new PendingFlow
        {
            PendingId = PendingFlowStore.NewPendingId(),
            Issuer = options.Issuer.AbsoluteUri.TrimEnd('/'),
            ClientId = clientId,
            TokenEndpoint = document.Value.TokenEndpoint.AbsoluteUri,
            RevocationEndpoint = document.Value.RevocationEndpoint?.AbsoluteUri,
            DeviceCode = granted.DeviceCode,
            UserCode = granted.UserCode,
            VerificationUri = granted.VerificationUri.AbsoluteUri,
            VerificationUriComplete = granted.VerificationUriComplete.AbsoluteUri,
            CreatedAt = now,
            ExpiresAt = now + TimeSpan.FromSeconds(granted.ExpiresInSeconds),
            IntervalSeconds = granted.IntervalSeconds,
            NextPollAt = now + TimeSpan.FromSeconds(granted.IntervalSeconds),
        };

        using (await flows.LockAsync(cancellationToken).ConfigureAwait(false))
        {
            foreach (var stale in flows.All().Where(old => old.ExpiresAt <= now))
            {
                flows.Remove(stale.PendingId);
            }

            flows.Save(flow);
        }

        LogEvents.SignInStarted(log, flow.PendingId, granted.ExpiresInSeconds, granted.IntervalSeconds);
        return flow;
    }

    public async Task<Outcome<PollResult>> PollAsync(string? pendingId, CancellationToken cancellationToken)
    {
        // A poll's end of the sign-in (connected, denied, expired) is counted where it is stored; the rest only ends the activity.
        using var observed = session.Telemetry.BeginSignIn(TelemetryNames.Activities.SignInPoll, TelemetryNames.Values.Device, options.Issuer);
        var polled = await PollCoreAsync(pendingId, observed, cancellationToken).ConfigureAwait(false);
        return observed.Finish(polled, polled.Value is { Connected: true } ? TelemetryNames.Values.Connected : TelemetryNames.Values.Pending);
    }

    private async Task<Outcome<PollResult>> PollCoreAsync(string? pendingId, TelemetryScope observed, CancellationToken cancellationToken)
    {
        var pendingLock = await flows.LockAsync(cancellationToken).ConfigureAwait(false);
        Task<Outcome<PollStep>>? exchange = null;
        try
        {
            var flow = pendingId is null ? flows.All().FirstOrDefault() : flows.Load(pendingId);
            if (flow is null && !completed.Completed(pendingId, clock.GetUtcNow()))
            {
                // Connected some other way (login --oidc, a sign-in long ago): start is not the next step unless asked.
                return new Failure(
                    ErrorCodes.NoPendingFlow,
                    pendingId is null ? "no sign-in is waiting for approval." : $"no sign-in is waiting under pending_id {Printable(pendingId)}.",
                    session.Store.Read().Credential is { NeedsReauth: false }
                        ? "A session is already connected (see status); run start only if the person asks to sign in again."
                        : "Run start first (it returns the verification URL), then poll after the person approves.");
            }

            if (flow is not null)
            {
                // A poll the server answers with tokens redeems the device code: from the send on, the poll and the
                // storing of its tokens run to the end whatever the caller's cancellation (which the caller still gets).
                exchange = PollAndStoreAsync(flow, pendingLock, observed);
            }
        }
        finally
        {
            if (exchange is null)
            {
                pendingLock.Dispose();
            }
        }

        // No flow, but a recorded completion: another poll (maybe another process) redeemed the code already. The
        // sign-in is done, so it says so again rather than send the agent to start; the token endpoint is not asked.
        if (exchange is null)
        {
            return await AlreadyConnectedAsync(pendingId, cancellationToken).ConfigureAwait(false);
        }

        var polled = await exchange.WaitAsync(cancellationToken).ConfigureAwait(false);
        if (!polled.IsSuccess)
        {
            return polled.Failure;
        }

        var step = polled.Value;
        return step.Kind switch
        {
            PollStepKind.TooEarly or PollStepKind.Pending => Pending(step.Flow, null),
            PollStepKind.SlowDown => Pending(step.Flow, $"the server asked to slow down; polling interval is now {step.Flow.IntervalSeconds} s."),
            PollStepKind.Unreachable or PollStepKind.ServerTrouble => step.Failure! with { RetryAfterSeconds = SecondsUntil(step.Flow.NextPollAt), Hint = $"The sign-in is still waiting; poll again in {SecondsUntil(step.Flow.NextPollAt)} s." },
            PollStepKind.Denied => Denied,
            PollStepKind.Expired => Expired,
            PollStepKind.Issued => await ConnectedAsync(step.Stored!, force: true, cancellationToken).ConfigureAwait(false),
            _ => step.Failure!,
        };
    }

    /// <summary>Drops a waiting sign-in (the person cancelled it), under the pending lock, so nothing is left pending.</summary>
    public async Task CancelAsync(string pendingId, CancellationToken cancellationToken)
    {
        using (await flows.LockAsync(cancellationToken).ConfigureAwait(false))
        {
            flows.Remove(pendingId);
        }
    }

    /// <summary>
    /// Polls once and saves what the answer means (the flow's next interval, its end, the tokens), holding the pending
    /// lock it is given until all of it is on disk. Bounded by the token pipeline's timeouts and the lock timeout.
    /// </summary>
    private async Task<Outcome<PollStep>> PollAndStoreAsync(PendingFlow flow, IDisposable pendingLock, TelemetryScope observed)
    {
        using (pendingLock)
        {
            var step = await poller.PollOnceAsync(flow, CancellationToken.None).ConfigureAwait(false);
            LogEvents.Polled(log, flow.PendingId, step.Kind == PollStepKind.TooEarly ? "not polled, the interval has not passed" : $"{step.Kind}, next poll in {step.Flow.IntervalSeconds} s");
            switch (step.Kind)
            {
                case PollStepKind.Pending or PollStepKind.SlowDown or PollStepKind.Unreachable or PollStepKind.ServerTrouble:
                    flows.Save(step.Flow);
                    return step;
                case PollStepKind.Denied or PollStepKind.Expired or PollStepKind.Stopped:
                    flows.Remove(flow.PendingId);
                    observed.SignInEnded(step.Kind switch { PollStepKind.Denied => Denied, PollStepKind.Expired => Expired, _ => step.Failure! });
                    return step;
                case PollStepKind.Issued:
                    break;
                default:
                    return step;
            }

            var credential = session.FromTokens(step.Tokens!, Template(flow));
            try
            {
                using (await session.Store.LockAsync(CancellationToken.None).ConfigureAwait(false))
                {
                    session.Store.Write(credential);
                }
            }
            catch (StorageException e)
            {
                // The device code is spent: this flow cannot be polled again.
                flows.RemoveAll();
                return observed.SignInEnded<PollStep>(new Failure(
                    ErrorCodes.CredentialStoreError,
                    $"xAI approved the sign-in but its tokens could not be saved ({e.InnerException?.Message ?? e.Message}); the sign-in code is used up, so polling again cannot help.",
                    e.Hint is { } hint
                        ? $"{hint} Then run start again and approve the new code."
                        : "Free some space on the state folder's disk (or set XAI_GROK_HOME to a folder you own on another disk), then run start again and approve the new code."));
            }

            // The other waiting flows end with this one: the person is connected, so a poll for any of them says so.
            var ended = flows.All().Select(other => other.PendingId).Prepend(flow.PendingId).ToArray();
            flows.RemoveAll();
            completed.Record(ended, clock.GetUtcNow(), flow.ExpiresAt);
            observed.SignInEnded(failure: null);
            return step with { Stored = credential };
        }
    }

    private Credential Template(PendingFlow flow) => new()
    {
        Source = CredentialSources.OAuth,
        AccessToken = string.Empty,
        ExpiresAt = clock.GetUtcNow(),
        ObtainedAt = clock.GetUtcNow(),
        Issuer = flow.Issuer,
        ClientId = flow.ClientId,
        TokenEndpoint = flow.TokenEndpoint,
        RevocationEndpoint = flow.RevocationEndpoint,
    };

    /// <summary>Polls on the flow's interval, waiting on the injected clock, until connected, a terminal failure, or the timeout.</summary>
    public async Task<Outcome<PollResult>> PollUntilCompleteAsync(string? pendingId, TimeSpan timeout, IProgress<PollProgress>? progress, CancellationToken cancellationToken)
    {
        var deadline = clock.GetUtcNow() + timeout;
        while (true)
        {
            var result = await PollAsync(pendingId, cancellationToken).ConfigureAwait(false);
            var wait = result.IsSuccess ? result.Value.RetryAfterSeconds : result.Failure.RetryAfterSeconds;
            if ((result.IsSuccess && result.Value.Connected) || wait is null)
            {
                return result;
            }

            pendingId ??= result.Value?.Flow?.PendingId;
            var flowExpiresAt = result.Value?.Flow?.ExpiresAt;
            progress?.Report(new PollProgress(wait.Value, flowExpiresAt is { } at ? at - clock.GetUtcNow() : null, result.Failure?.Code));
            if (clock.GetUtcNow() + TimeSpan.FromSeconds(wait.Value) > deadline)
            {
                return result;
            }

            await Task.Delay(TimeSpan.FromSeconds(Math.Max(wait.Value, 1)), clock, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>A poll for a sign-in that another poll completed: the same answer, from the stored session.</summary>
    private async Task<Outcome<PollResult>> AlreadyConnectedAsync(string? pendingId, CancellationToken cancellationToken)
    {
        if (session.Store.Read().Credential is not { NeedsReauth: false } credential)
        {
            var which = pendingId is null ? "the last sign-in" : $"the sign-in {Printable(pendingId)}";
            return new Failure(ErrorCodes.NotConnected, $"{which} completed, but its session is no longer stored (logged out since?).", Hints.Connect);
        }

        LogEvents.Polled(log, pendingId is null ? "newest" : Printable(pendingId), "already completed, connected");
        return await ConnectedAsync(credential, force: false, cancellationToken).ConfigureAwait(false);
    }

    private async Task<Outcome<PollResult>> ConnectedAsync(Credential credential, bool force, CancellationToken cancellationToken)
    {
        var list = await models.GetAsync(new Bearer(credential.AccessToken, credential.Source, credential), force, cancellationToken).ConfigureAwait(false);
        return new PollResult
        {
            Connected = true,
            Credential = credential,
            Models = list.IsSuccess ? list.Value : null,
            ModelsProblem = list.Failure,
        };
    }

    private Outcome<PollResult> Pending(PendingFlow flow, string? notice) => new PollResult
    {
        Connected = false,
        Flow = flow,
        RetryAfterSeconds = SecondsUntil(flow.NextPollAt),
        Notice = notice,
    };

    private int SecondsUntil(DateTimeOffset moment) => (int)Math.Max(0, Math.Ceiling((moment - clock.GetUtcNow()).TotalSeconds));

    private static string Printable(string text) => PrintableText.Clean(text, 64, TextKind.Word);
}
