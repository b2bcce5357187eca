using XaiGrok.Onboarding.Errors;
using XaiGrok.Onboarding.Http;
using XaiGrok.Onboarding.Runtime;
using XaiGrok.Onboarding.Storage;

namespace XaiGrok.Onboarding;

/// <summary>
/// The module for a host: one instance per set of options, safe to share between threads. Every method returns a
/// <see cref="SkillResult"/> and never throws for an expected failure; only cancellation escapes.
/// </summary>
public sealed class GrokOnboarding : IDisposable
{
    private readonly OnboardingRuntime runtime;

    /// <summary>Creates the module with the given options (default: from the environment) and clock (default: the system's).</summary>
    public GrokOnboarding(OnboardingOptions? options = null, TimeProvider? timeProvider = null)
        : this(new OnboardingRuntime(options ?? OnboardingOptions.FromEnvironment(), timeProvider ?? TimeProvider.System))
    {
    }

    internal GrokOnboarding(OnboardingRuntime runtime) => this.runtime = runtime;

    /// <summary>The options in force.</summary>
    public OnboardingOptions Options => runtime.Options;

    /// <summary>Starts a device sign-in: the URL and code to show the person, and the <c>pending_id</c> to poll.</summary>
    public Task<SkillResult> StartAsync(CancellationToken cancellationToken = default) => Guard(async () =>
    {
        var started = await runtime.SignIn.StartAsync(cancellationToken).ConfigureAwait(false);
        return started.IsSuccess ? ResultMapper.Started(started.Value, runtime.Clock) : ResultMapper.Fail(started.Failure);
    });

    /// <summary>Polls a waiting sign-in once (the newest when <paramref name="pendingId"/> is null); never before its interval.</summary>
    public Task<SkillResult> PollAsync(string? pendingId = null, CancellationToken cancellationToken = default) => Guard(async () =>
    {
        var polled = await runtime.SignIn.PollAsync(pendingId, cancellationToken).ConfigureAwait(false);
        return polled.IsSuccess ? ResultMapper.Polled(polled.Value, runtime.Clock) : ResultMapper.Fail(polled.Failure);
    });

    /// <summary>Polls on the sign-in's interval until it connects, ends, or <paramref name="timeout"/> passes.</summary>
    public Task<SkillResult> PollUntilCompleteAsync(TimeSpan timeout, IProgress<PollProgress>? progress = null, CancellationToken cancellationToken = default, string? pendingId = null) => Guard(async () =>
    {
        var polled = await runtime.SignIn.PollUntilCompleteAsync(pendingId, timeout, progress, cancellationToken).ConfigureAwait(false);
        return polled.IsSuccess ? ResultMapper.Polled(polled.Value, runtime.Clock) : ResultMapper.Fail(polled.Failure);
    });

    /// <summary>The session, its tier, cached models and waiting sign-ins, from local state (refreshing first when due).</summary>
    public Task<SkillResult> StatusAsync(CancellationToken cancellationToken = default) => Guard(async () =>
        ResultMapper.Status(await runtime.Status.GetAsync(cancellationToken).ConfigureAwait(false), runtime.Clock));

    /// <summary>Refreshes the access token now (normally automatic).</summary>
    public Task<SkillResult> RefreshAsync(CancellationToken cancellationToken = default) => Guard(async () =>
    {
        var seen = runtime.Session.Store.Read().Credential;
        var refreshed = await runtime.Session.RefreshAsync(seen, force: true, cancellationToken).ConfigureAwait(false);
        return refreshed.IsSuccess ? ResultMapper.Refreshed(refreshed.Value) : ResultMapper.Fail(refreshed.Failure);
    });

    /// <summary>The models the subscription unlocks, from the cache unless <paramref name="force"/>.</summary>
    public Task<SkillResult> ModelsAsync(bool force = false, CancellationToken cancellationToken = default) => Guard(async () =>
    {
        var view = await runtime.Models.GetAsync(force, cancellationToken).ConfigureAwait(false);
        return view.IsSuccess ? ResultMapper.Models(view.Value, runtime.Session.Store.Read().Credential) : ResultMapper.Fail(view.Failure);
    });

    /// <summary>Removes the session, waiting sign-ins and caches; revokes the refresh token when the issuer supports it.</summary>
    public Task<SkillResult> LogoutAsync(CancellationToken cancellationToken = default) => Guard(async () =>
        ResultMapper.LoggedOut(await runtime.Logout.LogoutAsync(cancellationToken).ConfigureAwait(false)));

    /// <inheritdoc/>
    public void Dispose() => runtime.Dispose();

    private async Task<SkillResult> Guard(Func<Task<SkillResult>> call)
    {
        try
        {
            runtime.EnsureHome();
            return await call().ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            throw;
        }
        catch (Exception exception) when (exception is StorageException or IOException or UnauthorizedAccessException)
        {
            return ResultMapper.Fail(new Failure(
                ErrorCodes.CredentialStoreError,
                $"the state folder could not be used: {exception.Message}",
                $"Check {runtime.Options.Home} (it must be a folder you own with mode 0700) or set XAI_GROK_HOME."));
        }
        catch (Exception exception)
        {
            // The message of an unexpected exception is not shown: it could quote a server's answer.
            return ResultMapper.Fail(new Failure(ErrorCodes.InternalError, $"unexpected {exception.GetType().Name}.", "Please report this with the steps that led to it."));
        }
    }
}
