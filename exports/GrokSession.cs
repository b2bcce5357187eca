using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using XaiGrok.Onboarding.Config;
using XaiGrok.Onboarding.Errors;
using XaiGrok.Onboarding.Logging;
using XaiGrok.Onboarding.Media;
using XaiGrok.Onboarding.Oidc;
using XaiGrok.Onboarding.Runtime;

namespace XaiGrok.Onboarding;

/// <summary>
/// One person's connection to xAI, with typed results: every call returns a <see cref="GrokResult{T}"/> holding its
/// record or one <see cref="GrokFailure"/>, and never throws for an expected failure; only cancellation escapes.
/// Safe to share between threads. It does not own what it runs on: dispose the <see cref="GrokOnboarding"/> (or the
/// platform) it came from, not the session.
/// </summary>
public sealed class GrokSession
{
    private readonly OnboardingRuntime runtime;

    private readonly ILogger calls;

    internal GrokSession(OnboardingRuntime runtime)
    {
        this.runtime = runtime;
        calls = runtime.Logging.CreateLogger("XaiGrok.Onboarding");
    }

    /// <summary>Starts a device sign-in: the link and code to show the person, and the pending id to poll.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task<GrokResult<GrokSignInStarted>> StartSignInAsync(CancellationToken cancellationToken = default) => Run(async () =>
        Map(await runtime.SignIn.StartAsync(cancellationToken).ConfigureAwait(false), flow => GrokSignInStarted.From(flow, runtime.Clock)));

    /// <summary>Polls a waiting sign-in once (the newest when <paramref name="pendingId"/> is null); never before its interval.</summary>
    /// <param name="pendingId">The sign-in to poll, from <see cref="StartSignInAsync"/>; null for the newest.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task<GrokResult<GrokSignInProgress>> PollAsync(string? pendingId = null, CancellationToken cancellationToken = default) => Run(async () =>
        Map(await runtime.SignIn.PollAsync(pendingId, cancellationToken).ConfigureAwait(false), Progress));

    /// <summary>Polls on the sign-in's interval until it connects, ends, or <paramref name="timeout"/> passes.</summary>
    /// <param name="timeout">How long to keep polling.</param>
    /// <param name="progress">Told before each wait.</param>
    /// <param name="pendingId">The sign-in to poll; null for the newest.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task<GrokResult<GrokSignInProgress>> PollUntilCompleteAsync(TimeSpan timeout, IProgress<PollProgress>? progress = null, string? pendingId = null, CancellationToken cancellationToken = default) => Run(async () =>
        Map(await runtime.SignIn.PollUntilCompleteAsync(pendingId, timeout, progress, cancellationToken).ConfigureAwait(false), Progress));

    /// <summary>The connection, its tier, model and waiting sign-ins, from local state (refreshing first when due).</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task<GrokResult<GrokStatus>> StatusAsync(CancellationToken cancellationToken = default) => Run(async () =>
        GrokResult<GrokStatus>.Success(GrokStatus.From(await runtime.Status.GetAsync(cancellationToken).ConfigureAwait(false), runtime.Clock, runtime.Options, runtime.ModelKeys, runtime.Secrets)));

    /// <summary>Refreshes the access token now (normally automatic).</summary>
    /// <param name="cancellationToken">Cancels the call; a refresh already sent is still stored.</param>
    public Task<GrokResult<GrokRefreshed>> RefreshAsync(CancellationToken cancellationToken = default) => Run(async () =>
    {
        var seen = runtime.Session.Store.Read().Credential;
        return Map(await runtime.Session.RefreshAsync(seen, force: true, cancellationToken).ConfigureAwait(false), GrokRefreshed.From);
    });

    /// <summary>The models the subscription unlocks, from the cache unless <paramref name="force"/>.</summary>
    /// <param name="force">True to ask xAI even when the cached list is fresh.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task<GrokResult<GrokModels>> ModelsAsync(bool force = false, CancellationToken cancellationToken = default) => Run(async () =>
        Map(await runtime.Models.GetAsync(force, cancellationToken).ConfigureAwait(false), view => GrokModels.From(view, runtime.Session.Store.ReadRecent().Credential?.Source)));

    /// <summary>
    /// Makes <paramref name="model"/> (with or without the <c>xai-grok/</c> prefix, or the whole command
    /// <c>/model xai-grok/grok-4.3</c>) the default for chat, if it is offered to the account.
    /// </summary>
    /// <param name="model">The model to chat with from now on.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task<GrokResult<GrokModelChoice>> UseModelAsync(string model, CancellationToken cancellationToken = default) => Run(async () =>
        Map(await runtime.ModelChoice.UseAsync(model, cancellationToken).ConfigureAwait(false), GrokModelChoice.From));

    /// <summary>
    /// Chats with a model the subscription unlocks (default: the one chosen with <see cref="UseModelAsync"/>, else
    /// <c>xai-grok/grok-4.3</c>), on the lane the model needs. The messages are sent as they are: a <c>/model ID</c>
    /// message is for <see cref="UseModelAsync"/>.
    /// </summary>
    /// <param name="model">The model, with or without the <c>xai-grok/</c> prefix; null for the chosen one.</param>
    /// <param name="messages">OpenAI-style messages, whatever the model.</param>
    /// <param name="thinking">The reasoning effort, for the models that take one.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task<GrokResult<GrokChatAnswer>> ChatAsync(string? model, IReadOnlyList<ChatMessage> messages, Thinking? thinking = null, CancellationToken cancellationToken = default) => Run(async () =>
    {
        var request = runtime.Chat.Prepare(model, messages, thinking, stream: false);
        if (!request.IsSuccess)
        {
            return Fail<GrokChatAnswer>(request.Failure);
        }

        var answered = await runtime.Chat.ChatAsync(request.Value, cancellationToken).ConfigureAwait(false);
        return Map(answered, made => GrokChatAnswer.From(made.Answer, made.FailedOver, runtime.Secrets));
    });

    /// <summary>Removes the session, waiting sign-ins and caches; revokes the refresh token when the issuer supports it.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task<GrokResult<GrokLogout>> LogoutAsync(CancellationToken cancellationToken = default) => Run(async () =>
        GrokResult<GrokLogout>.Success(GrokLogout.From(await runtime.Logout.LogoutAsync(cancellationToken).ConfigureAwait(false), runtime.Secrets)));

    /// <summary>
    /// Generates <paramref name="n"/> images from <paramref name="prompt"/> and writes each to a file (<paramref name="outPath"/>,
    /// a file or a folder, else the state folder's <c>media/</c>).
    /// </summary>
    /// <param name="prompt">What to draw.</param>
    /// <param name="model">An image model; null for the first the account's list offers.</param>
    /// <param name="n">How many images, 1 to 10.</param>
    /// <param name="outPath">Where to write them; null for the state folder's <c>media/</c>.</param>
    /// <param name="aspectRatio">The aspect ratio, such as <c>16:9</c>; null for the model's default.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task<GrokResult<GrokImages>> ImageAsync(string prompt, string? model = null, int n = 1, string? outPath = null, string? aspectRatio = null, CancellationToken cancellationToken = default) => Run(async () =>
    {
        var request = MediaInput.Image(prompt, model, n, aspectRatio, outPath);
        return request.IsSuccess
            ? Map(await runtime.Images.GenerateAsync(request.Value, cancellationToken).ConfigureAwait(false), GrokImages.From)
            : Fail<GrokImages>(request.Failure);
    });

    /// <summary>Asks for a video and saves the request: poll it with <see cref="VideoPollAsync"/> after its wait.</summary>
    /// <param name="prompt">What to film.</param>
    /// <param name="model">A video model; null for the first the account's list offers.</param>
    /// <param name="durationSeconds">The length; null for 8 s.</param>
    /// <param name="aspectRatio">The aspect ratio; null for 16:9.</param>
    /// <param name="resolution">The resolution; null for 720p.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task<GrokResult<GrokVideo>> VideoStartAsync(string prompt, string? model = null, int? durationSeconds = null, string? aspectRatio = null, string? resolution = null, CancellationToken cancellationToken = default) => Run(async () =>
    {
        var spec = MediaInput.Video(prompt, model, durationSeconds, aspectRatio, resolution);
        return spec.IsSuccess
            ? Map(await runtime.Videos.StartAsync(spec.Value, cancellationToken).ConfigureAwait(false), GrokVideo.From)
            : Fail<GrokVideo>(spec.Failure);
    });

    /// <summary>Asks once for a video's status, never before its next poll time; downloads it when it is done.</summary>
    /// <param name="requestId">The request to poll; null for the newest.</param>
    /// <param name="outPath">Where to write the video; null for the state folder's <c>media/</c>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task<GrokResult<GrokVideo>> VideoPollAsync(string? requestId = null, string? outPath = null, CancellationToken cancellationToken = default) => Run(async () =>
        MediaInput.OutPath(outPath) is { } badPath
            ? Fail<GrokVideo>(badPath)
            : Map(await runtime.Videos.PollAsync(requestId, outPath, cancellationToken).ConfigureAwait(false), GrokVideo.From));

    /// <summary>Runs the configured external auth provider and stores its token as the session.</summary>
    internal Task<GrokResult<GrokConnection>> LoginWithProviderAsync(CancellationToken cancellationToken) => Run(async () =>
        !runtime.Provider.IsConfigured
            ? Fail<GrokConnection>(new Failure(ErrorCodes.ClientNotConfigured, "no external auth provider is configured.", "Set GROK_AUTH_PROVIDER_COMMAND, or sign in with start and poll."))
            : Map(await runtime.Session.LoginWithProviderAsync(cancellationToken).ConfigureAwait(false), Connection));

    /// <summary>Signs in in the browser (authorization code with PKCE) at <paramref name="target"/>'s issuer.</summary>
    internal Task<GrokResult<GrokConnection>> LoginInBrowserAsync(Func<OnboardingOptions, Outcome<BrowserSignInTarget>> target, Func<Uri, Task> openBrowser, CancellationToken cancellationToken, [CallerMemberName] string name = "") => Run(
        async () => Map(await runtime.Oidc.LoginAsync(target(runtime.Options), openBrowser, cancellationToken).ConfigureAwait(false), Connection),
        name);

    private GrokSignInProgress Progress(SignIn.PollResult polled) => GrokSignInProgress.From(polled, runtime.Selection.Selected(), runtime.Clock, runtime.Secrets);

    private GrokConnection Connection(Credentials.Credential credential) => GrokConnection.From(credential, runtime.Selection.Selected());

    private GrokResult<T> Map<TEngine, T>(Outcome<TEngine> outcome, Func<TEngine, T> typed)
        where T : class =>
        outcome.IsSuccess ? GrokResult<T>.Success(typed(outcome.Value)) : Fail<T>(outcome.Failure);

    private GrokResult<T> Fail<T>(Failure failure)
        where T : class =>
        GrokResult<T>.Failed(GrokFailure.From(failure, runtime.Secrets));

    /// <summary>What every call shares: the settings check, the state folder's check, the one log line, and no exception but cancellation.</summary>
    private async Task<GrokResult<T>> Run<T>(Func<Task<GrokResult<T>>> call, [CallerMemberName] string name = "")
        where T : class
    {
        var started = BeginCall();
        GrokResult<T> result;
        try
        {
            result = Refusal() is { } refused ? Fail<T>(refused) : await call().ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            result = Fail<T>(Crashed(name, exception));
        }

        EndCall(name, started, result.IsSuccess ? null : result.Failure.Code, result.IsSuccess ? null : result.Failure.Detail);
        return result;
    }

    // The steps of Run, also taken one by one by a streamed chat (GrokOnboarding.ChatStreamAsync), which cannot be one call.

    /// <summary>Starts a call: keeps the user's runtime in a platform's memory (idle ones are evicted); returns its clock.</summary>
    internal long BeginCall()
    {
        runtime.Touch();
        return runtime.Clock.GetTimestamp();
    }

    /// <summary>Why a call must not start: a setting that does not parse; an unsafe state folder throws.</summary>
    internal Failure? Refusal()
    {
        // A setting that does not parse stops every call before it reads a file or sends a request.
        if (InvalidSetting.FailureFor(runtime.Options.InvalidSettings) is { } misconfigured)
        {
            return misconfigured;
        }

        runtime.EnsureHome();
        return null;
    }

    /// <summary>The failure an exception that escaped the engine becomes, logged when it is a bug.</summary>
    internal Failure Crashed(string name, Exception exception)
    {
        // A storage problem is expected (the person can fix it): the failure line EndCall writes says it all. Anything
        // else is a bug: one error line naming it, and its stack trace for whoever turns on debug.
        var failure = CallProblem.From(exception, runtime.Options);
        if (failure.Code == ErrorCodes.InternalError)
        {
            LogEvents.CallCrashed(calls, name, exception.GetType().Name);
            LogEvents.CallCrashTrace(calls, name, exception);
        }

        return failure;
    }

    /// <summary>The call's one log line: its time on success, its code and detail on failure (<paramref name="error"/> set).</summary>
    internal void EndCall(string name, long started, string? error, string? detail)
    {
        if (error is null)
        {
            LogEvents.CallSucceeded(calls, name, (long)runtime.Clock.GetElapsedTime(started).TotalMilliseconds);
        }
        else
        {
            LogEvents.CallFailed(calls, name, error, detail ?? "");
        }
    }
}
