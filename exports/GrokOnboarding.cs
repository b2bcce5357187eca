using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using XaiGrok.Onboarding.Errors;
using XaiGrok.Onboarding.Http;
using XaiGrok.Onboarding.Logging;
using XaiGrok.Onboarding.Runtime;
using XaiGrok.Onboarding.Secrets;
using XaiGrok.Onboarding.Storage;

using XaiGrok.Onboarding.Models;

namespace XaiGrok.Onboarding;

/// <summary>
/// The module for a host: one instance per set of options, safe to share between threads. Every method returns a
/// <see cref="SkillResult"/> and never throws for an expected failure; only cancellation escapes.
/// </summary>
public sealed class GrokOnboarding : IDisposable
{
    private readonly OnboardingRuntime runtime;

    private readonly bool ownsRuntime;

    /// <summary>Creates the module with the given options (default: from the environment) and clock (default: the system's).</summary>
    public GrokOnboarding(OnboardingOptions? options = null, TimeProvider? timeProvider = null)
        : this(options, timeProvider, loggerFactory: null)
    {
    }

    /// <summary>
    /// Creates the module logging to the host's <paramref name="loggerFactory"/> (categories <c>XaiGrok.Onboarding.*</c>);
    /// null keeps the module's own logging (<c>XAI_GROK_LOG</c>, <c>XAI_GROK_LOG_FILE</c>). No message carries a token.
    /// </summary>
    public GrokOnboarding(OnboardingOptions? options, TimeProvider? timeProvider, ILoggerFactory? loggerFactory)
        : this(new OnboardingRuntime(options ?? OnboardingOptions.FromEnvironment(), timeProvider ?? TimeProvider.System, loggerFactory: loggerFactory))
    {
    }

    /// <param name="runtime">The services behind the calls.</param>
    /// <param name="ownsRuntime">False for a platform's user: the platform owns the runtime, and disposing this view leaves it.</param>
    internal GrokOnboarding(OnboardingRuntime runtime, bool ownsRuntime = true)
    {
        this.runtime = runtime;
        this.ownsRuntime = ownsRuntime;
        Session = new GrokSession(runtime);
    }

    /// <summary>The options in force.</summary>
    public OnboardingOptions Options => runtime.Options;

    /// <summary>
    /// The same calls with typed results (records and one <see cref="GrokFailure"/>) instead of dictionaries, on this
    /// instance's state; disposing this instance ends it too.
    /// </summary>
    public GrokSession Session { get; }

    /// <summary>Starts a device sign-in: the URL and code to show the person, and the <c>pending_id</c> to poll.</summary>
    public Task<SkillResult> StartAsync(CancellationToken cancellationToken = default) => Guard(async () =>
        ResultMapper.From(await Session.StartSignInAsync(cancellationToken).ConfigureAwait(false), ResultMapper.Started));

    /// <summary>Polls a waiting sign-in once (the newest when <paramref name="pendingId"/> is null); never before its interval.</summary>
    public Task<SkillResult> PollAsync(string? pendingId = null, CancellationToken cancellationToken = default) => Guard(async () =>
        ResultMapper.From(await Session.PollAsync(pendingId, cancellationToken).ConfigureAwait(false), ResultMapper.Polled));

    /// <summary>Polls on the sign-in's interval until it connects, ends, or <paramref name="timeout"/> passes.</summary>
    public Task<SkillResult> PollUntilCompleteAsync(TimeSpan timeout, IProgress<PollProgress>? progress = null, CancellationToken cancellationToken = default, string? pendingId = null) => Guard(async () =>
        ResultMapper.From(await Session.PollUntilCompleteAsync(timeout, progress, pendingId, cancellationToken).ConfigureAwait(false), ResultMapper.Polled));

    /// <summary>The session, its tier, cached models and waiting sign-ins, from local state (refreshing first when due).</summary>
    public Task<SkillResult> StatusAsync(CancellationToken cancellationToken = default) => Guard(async () =>
        ResultMapper.From(await Session.StatusAsync(cancellationToken).ConfigureAwait(false), ResultMapper.Status));

    /// <summary>Refreshes the access token now (normally automatic).</summary>
    public Task<SkillResult> RefreshAsync(CancellationToken cancellationToken = default) => Guard(async () =>
        ResultMapper.From(await Session.RefreshAsync(cancellationToken).ConfigureAwait(false), ResultMapper.Refreshed));

    /// <summary>The models the subscription unlocks, from the cache unless <paramref name="force"/>.</summary>
    public Task<SkillResult> ModelsAsync(bool force = false, CancellationToken cancellationToken = default) => Guard(async () =>
        ResultMapper.From(await Session.ModelsAsync(force, cancellationToken).ConfigureAwait(false), ResultMapper.Models));

    /// <summary>Removes the session, waiting sign-ins and caches; revokes the refresh token when the issuer supports it.</summary>
    public Task<SkillResult> LogoutAsync(CancellationToken cancellationToken = default) => Guard(async () =>
        ResultMapper.From(await Session.LogoutAsync(cancellationToken).ConfigureAwait(false), ResultMapper.LoggedOut));

    /// <summary>
    /// Chats with a model the subscription unlocks (default: the one chosen with <see cref="UseModelAsync"/>, else
    /// <c>xai-grok/grok-4.3</c>), on the lane the model needs. Pass OpenAI-style messages whatever the model. When the
    /// only user message is a <c>/model ID</c> command, nothing is sent: the model is switched as by
    /// <see cref="UseModelAsync"/>, and that is the answer.
    /// </summary>
    public Task<SkillResult> ChatAsync(string? model, IReadOnlyList<ChatMessage> messages, Thinking? thinking = null, CancellationToken cancellationToken = default) => Guard(async () =>
        ModelCommand.In(messages) is { } command
            ? ResultMapper.From(await Session.UseModelAsync(command, cancellationToken).ConfigureAwait(false), ResultMapper.ModelChosen)
            : ResultMapper.From(await Session.ChatAsync(model, messages, thinking, cancellationToken).ConfigureAwait(false), ResultMapper.Chatted));

    /// <summary>Chats with streaming: text pieces as they arrive, then one final item with the result.</summary>
    public async IAsyncEnumerable<ChatStreamUpdate> ChatStreamAsync(string? model, IReadOnlyList<ChatMessage> messages, Thinking? thinking = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (ModelCommand.In(messages) is { } command)
        {
            yield return new ChatStreamUpdate(null, await UseModelAsync(command, cancellationToken).ConfigureAwait(false));
            yield break;
        }

        // The same guard as every other call, around the preparation and around each step of the stream.
        const string name = nameof(ChatStreamAsync);
        var call = Begin();
        Lanes.ChatRequest? request = null;
        SkillResult? refused;
        try
        {
            refused = Refusal();
            if (refused is null)
            {
                var prepared = runtime.Chat.Prepare(model, messages, thinking, stream: true);
                if (prepared.IsSuccess)
                {
                    request = prepared.Value;
                }
                else
                {
                    refused = ResultMapper.Fail(prepared.Failure);
                }
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            refused = ResultMapper.Fail(Session.Crashed(name, exception));
        }

        if (request is null)
        {
            yield return new ChatStreamUpdate(null, End(name, call, refused!));
            yield break;
        }

        // A secret the server echoes may be split across two pieces: the redactor holds back a piece's end until the
        // next one shows whether a secret goes on there.
        var redactor = new StreamRedactor(runtime.Secrets);
        await using var parts = runtime.Chat.StreamAsync(request, cancellationToken).GetAsyncEnumerator(cancellationToken);
        while (true)
        {
            SkillResult? broken = null;
            bool more;
            try
            {
                more = await parts.MoveNextAsync().ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                (more, broken) = (false, ResultMapper.Fail(Session.Crashed(name, exception)));
            }

            if (!more)
            {
                // The engine always ends with a result part; reaching here means it threw.
                if (redactor.Flush() is { Length: > 0 } rest)
                {
                    yield return new ChatStreamUpdate(rest, null);
                }

                yield return new ChatStreamUpdate(null, End(name, call, broken ?? ResultMapper.Fail(new Failure(ErrorCodes.InternalError, "the stream ended without a result.", null))));
                yield break;
            }

            var part = parts.Current;
            if (part.Delta is { } delta)
            {
                if (redactor.Take(delta) is { Length: > 0 } shown)
                {
                    yield return new ChatStreamUpdate(shown, null);
                }

                continue;
            }

            if (redactor.Flush() is { Length: > 0 } held)
            {
                yield return new ChatStreamUpdate(held, null);
            }

            var answer = part.Answer is { } made ? GrokChatAnswer.From(made, part.FailedOver, runtime.Secrets) : null;
            var result = part.Failure is { } failure ? ResultMapper.ChatFailed(GrokFailure.From(failure, runtime.Secrets), answer) : ResultMapper.Chatted(answer!);
            yield return new ChatStreamUpdate(null, End(name, call, result));
            yield break;
        }
    }

    /// <summary>
    /// Makes <paramref name="model"/> (with or without the <c>xai-grok/</c> prefix, or the whole command
    /// <c>/model xai-grok/grok-4.3</c>) the default for chat, if it is offered to the account.
    /// </summary>
    public Task<SkillResult> UseModelAsync(string model, CancellationToken cancellationToken = default) => Guard(async () =>
        ResultMapper.From(await Session.UseModelAsync(model, cancellationToken).ConfigureAwait(false), ResultMapper.ModelChosen));

    /// <summary>
    /// The first step of an interactive sign-in when an external auth provider is configured
    /// (<c>GROK_AUTH_PROVIDER_COMMAND</c>): runs it now, as the Grok CLI's login does, and stores its token as the
    /// session (source <c>external_provider</c>), replacing the one stored. Its stderr lines reach
    /// <see cref="OnboardingOptions.OnProviderMessage"/> as they arrive and the result as <c>provider_messages</c>.
    /// When it fails (<c>not_connected</c>, saying why), fall back to the interactive sign-in: <see cref="StartAsync"/>
    /// then <see cref="PollUntilCompleteAsync"/>, or <see cref="LoginOidcAsync"/>. <c>client_not_configured</c> when no
    /// provider is configured.
    /// </summary>
    public Task<SkillResult> LoginWithProviderAsync(CancellationToken cancellationToken = default) => Guard(async () =>
        ResultMapper.From(await Session.LoginWithProviderAsync(cancellationToken).ConfigureAwait(false), ResultMapper.Connected));

    /// <summary>
    /// Signs in through the company's identity provider (<c>GROK_OIDC_ISSUER</c>, <c>GROK_OIDC_CLIENT_ID</c>):
    /// authorization code with PKCE, redirected to a one-shot listener on 127.0.0.1. <paramref name="openBrowser"/>
    /// gets the URL to open (or to show the person); the tokens are stored as source <c>oidc</c>.
    /// </summary>
    public Task<SkillResult> LoginOidcAsync(Func<Uri, Task> openBrowser, CancellationToken cancellationToken = default) => Guard(async () =>
        ResultMapper.From(await Session.LoginInBrowserAsync(Oidc.BrowserSignInTarget.Enterprise, openBrowser, cancellationToken).ConfigureAwait(false), ResultMapper.Connected));

    /// <summary>
    /// Signs in through xAI OAuth in the browser (<c>XAI_OAUTH_ISSUER</c>, default https://auth.x.ai, and
    /// <c>XAI_OAUTH_CLIENT_ID</c>): authorization code with PKCE, redirected to a one-shot listener on
    /// <c>http://127.0.0.1:PORT/callback</c> (a random port, or <c>XAI_OAUTH_REDIRECT_PORT</c>). <paramref name="openBrowser"/>
    /// gets the URL to open (or to show the person); the tokens are stored as source <c>oauth</c> and refresh at
    /// xAI's token endpoint. Cancelling before the browser comes back leaves nothing stored.
    /// </summary>
    public Task<SkillResult> LoginOAuthAsync(Func<Uri, Task> openBrowser, CancellationToken cancellationToken = default) => Guard(async () =>
        ResultMapper.From(await Session.LoginInBrowserAsync(Oidc.BrowserSignInTarget.Xai, openBrowser, cancellationToken).ConfigureAwait(false), ResultMapper.Connected));

    /// <summary>
    /// Generates <paramref name="n"/> images (1 to 10) from <paramref name="prompt"/> with an image model (default: the
    /// first the account's model list offers) and writes each to a file: <paramref name="outPath"/> (a file, or a folder
    /// when it ends with a separator or is one), else the state folder's <c>media/</c>. The result lists the paths.
    /// </summary>
    public Task<SkillResult> ImageAsync(string prompt, string? model = null, int n = 1, string? outPath = null, string? aspectRatio = null, CancellationToken cancellationToken = default) => Guard(async () =>
        ResultMapper.From(await Session.ImageAsync(prompt, model, n, outPath, aspectRatio, cancellationToken).ConfigureAwait(false), ResultMapper.ImagesGenerated));

    /// <summary>
    /// Asks for a video (default model: the first video model the account's list offers; 8 s, 16:9, 720p) and saves the
    /// request: the result's <c>request_id</c> and <c>retry_after_seconds</c> say what to poll and when.
    /// </summary>
    public Task<SkillResult> VideoStartAsync(string prompt, string? model = null, int? durationSeconds = null, string? aspectRatio = null, string? resolution = null, CancellationToken cancellationToken = default) => Guard(async () =>
        ResultMapper.From(await Session.VideoStartAsync(prompt, model, durationSeconds, aspectRatio, resolution, cancellationToken).ConfigureAwait(false), ResultMapper.Video));

    /// <summary>
    /// Asks once for a video's status (the newest request when <paramref name="requestId"/> is null), never before its
    /// next poll time; when it is done, downloads it to <paramref name="outPath"/> or the state folder's <c>media/</c>.
    /// </summary>
    public Task<SkillResult> VideoPollAsync(string? requestId = null, string? outPath = null, CancellationToken cancellationToken = default) => Guard(async () =>
        ResultMapper.From(await Session.VideoPollAsync(requestId, outPath, cancellationToken).ConfigureAwait(false), ResultMapper.Video));

    /// <summary>
    /// An <see cref="HttpClient"/> for the xAI API (base address <c>XAI_API_BASE_URL</c>) that carries the person's
    /// credential and refreshes it: hand it to any OpenAI-compatible client as its transport. A platform user's client
    /// uses the platform's one connection pool.
    /// </summary>
    public HttpClient CreateHttpClient() => new(CreateHttpHandler()) { BaseAddress = new Uri(runtime.Options.ApiBaseUrl.AbsoluteUri.TrimEnd('/') + "/") };

    /// <summary>
    /// The authenticating handler alone, for hosts that build their own <see cref="HttpClient"/> pipeline: as the
    /// outermost handler (it brings its own transport), or as a handler of <c>IHttpClientFactory</c>
    /// (<c>AddHttpMessageHandler(() =&gt; module.CreateHttpHandler())</c>), which gives it one.
    /// </summary>
    public XaiGrokAuthenticationHandler CreateHttpHandler()
    {
        var owner = runtime;
        return new(_ => owner, () => Transport(owner.HttpLog, owner.Clock, owner.Shared));
    }

    /// <summary>
    /// The transport under an authenticating handler used alone: the platform's pool, or one of its own. The logger is a
    /// fallback: each request through the handler carries its user's.
    /// </summary>
    internal static HttpMessageHandler Transport(ILogger log, TimeProvider clock, Platform.PlatformStack? shared) => new LoggingHandler(log, clock)
    {
        InnerHandler = shared?.NewTransport()
            ?? new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false, PooledConnectionLifetime = TimeSpan.FromMinutes(5) },
    };

    /// <summary>
    /// A Microsoft.Extensions.AI <see cref="Microsoft.Extensions.AI.IChatClient"/> over this person's subscription, for
    /// Semantic Kernel and agent frameworks: each call goes through the same lane routing, refresh and multi-agent
    /// failover as <see cref="ChatAsync"/>. The model is <c>ChatOptions.ModelId</c>, else <paramref name="defaultModel"/>,
    /// else the chosen one (<see cref="UseModelAsync"/>), else <c>xai-grok/grok-4.3</c>; ids with or without the
    /// <c>xai-grok/</c> prefix. A failure throws <see cref="XaiGrokException"/>. The client does not own this instance.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="defaultModel"/> is not a model id.</exception>
    public Microsoft.Extensions.AI.IChatClient CreateChatClient(string? defaultModel = null) =>
        new AI.GrokChatClient(
            this,
            runtime,
            defaultModel is null ? null : ModelIds.Upstream(defaultModel) ?? throw new ArgumentException("not a model id; pass one such as xai-grok/grok-4.3.", nameof(defaultModel)));

    /// <summary><paramref name="text"/> with every credential this instance knows cut out (for what the CLI prints itself).</summary>
    internal string Redact(string text) => runtime.Secrets.Redact(text);

    /// <summary>Drops a waiting device sign-in (the person cancelled it), so nothing is left pending.</summary>
    internal Task CancelSignInAsync(string pendingId) => runtime.SignIn.CancelAsync(pendingId, CancellationToken.None);

    /// <inheritdoc/>
    public void Dispose()
    {
        if (ownsRuntime)
        {
            runtime.Dispose();
        }
    }

    /// <summary>
    /// What the dictionary calls add to the typed call they map: what the external provider said during the call, and
    /// every known secret cut out of every string (a server may echo a credential anywhere).
    /// </summary>
    private async Task<SkillResult> Guard(Func<Task<SkillResult>> call)
    {
        var heard = Provider.ProviderMessageLog.Begin();
        var result = await call().ConfigureAwait(false);
        result = ResultMapper.WithProviderMessages(result, heard.Lines);
        return ResultRedaction.Apply(result, runtime.Secrets);
    }

    /// <summary>The streamed chat's own guard (it cannot be one typed call): the session's steps, taken one by one.</summary>
    private (long Started, Provider.ProviderMessageLog Heard) Begin() => (Session.BeginCall(), Provider.ProviderMessageLog.Begin());

    private SkillResult? Refusal() => Session.Refusal() is { } refused ? ResultMapper.Fail(refused) : null;

    private SkillResult End(string name, (long Started, Provider.ProviderMessageLog Heard) call, SkillResult result)
    {
        // What the external provider said during this call, whatever the outcome (already redacted), and every known
        // secret cut out of the answer, chat content included.
        result = ResultRedaction.Apply(ResultMapper.WithProviderMessages(result, call.Heard.Lines), runtime.Secrets);
        Session.EndCall(name, call.Started, result.Ok ? null : result.Error ?? ErrorCodes.InternalError, result.TryGetValue(ResultKeys.Detail, out var detail) && detail is string text ? text : null);
        return result;
    }

    /// <summary>The failure an exception that escaped the engine becomes (for the chat client, which runs the engine itself).</summary>
    internal Failure Problem(Exception exception) => CallProblem.From(exception, runtime.Options);
}
