using Microsoft.Extensions.Logging;
using XaiGrok.Onboarding.Credentials;
using XaiGrok.Onboarding.DeviceGrant;
using XaiGrok.Onboarding.Discovery;
using XaiGrok.Onboarding.Http;
using XaiGrok.Onboarding.Lanes;
using XaiGrok.Onboarding.Logging;
using XaiGrok.Onboarding.Media;
using XaiGrok.Onboarding.Models;
using XaiGrok.Onboarding.Oidc;
using XaiGrok.Onboarding.Provider;
using XaiGrok.Onboarding.Secrets;
using XaiGrok.Onboarding.Session;
using XaiGrok.Onboarding.SignIn;
using XaiGrok.Onboarding.Storage;
using XaiGrok.Onboarding.Stores;
using XaiGrok.Onboarding.Tokens;

namespace XaiGrok.Onboarding.Runtime;

/// <summary>
/// Composes the services for one set of options. Everything a fresh <c>status</c> does not use is built on first use:
/// the HTTP stack (client, handler, Polly pipelines), the in-memory cache, sign-in, chat, logout and OIDC (whose
/// JWT validation loads Microsoft.IdentityModel). A CLI process pays only for the services its verb touches.
/// </summary>
internal sealed class OnboardingRuntime : IDisposable
{
    private readonly InProcessCache memory = new();
    private readonly ILoggerFactory? ownLogging;
    private readonly Lazy<HttpSender> http;
    private readonly Lazy<SignInService> signIn;
    private readonly Lazy<LogoutService> logout;
    private readonly Lazy<ModelSelectionService> modelChoice;
    private readonly Lazy<ChatService> chat;
    private readonly Lazy<OidcSessionService> oidc;
    private readonly Lazy<ImageService> images;
    private readonly Lazy<VideoService> videos;
    private readonly UnchangedFileCache<StateDirectory> home;
    private readonly HttpLimits httpLimits;
    private HttpClient? client;

    public OnboardingRuntime(OnboardingOptions options, TimeProvider clock, HttpLimits? limits = null, HttpMessageHandler? handler = null, Func<string, string?>? environment = null, ILoggerFactory? loggerFactory = null, IOnboardingStoreFactory? stores = null)
    {
        Options = options;
        Clock = clock;

        // A configured key is known from the start and never forgotten.
        Secrets.Add(options.ApiKey, pin: true);
        foreach (var model in options.ConfigModelKeys.Values)
        {
            Secrets.Add(model.Entry.ApiKey, pin: true);
        }

        // The host's factory is the host's to dispose; our own is ours. Either way every line is redacted first.
        ownLogging = loggerFactory is null ? OnboardingLogging.Create(options, clock) : null;
        Logging = new RedactingLoggerFactory(loggerFactory ?? ownLogging!, Secrets);
        foreach (var warning in options.Warnings)
        {
            LogEvents.ConfigurationProblem(Logging.CreateLogger("XaiGrok.Onboarding.Config"), warning);
        }

        var given = limits ?? new HttpLimits();
        httpLimits = given with
        {
            StreamIdleTimeout = options.StreamIdleTimeout ?? given.StreamIdleTimeout,
            StreamTimeout = options.StreamTimeout ?? given.StreamTimeout,
            StreamMaxAnswerChars = options.StreamMaxAnswerChars ?? given.StreamMaxAnswerChars,
        };
        http = new Lazy<HttpSender>(() =>
        {
            var httpLog = Logging.CreateLogger("XaiGrok.Onboarding.Http");
            client = HttpClientBuilder.Create(httpLimits, handler, httpLog, clock);
            return new HttpSender(client, new ResiliencePipelines(httpLimits, clock, httpLog), httpLimits, clock, Secrets);
        });

        // A host checks the folder before every call; while it provably has not changed, once is enough.
        home = new UnchangedFileCache<StateDirectory>(Path.TrimEndingDirectorySeparator(options.Home), StateDirectory.Open, TimeProvider.System);
        Paths = new StatePaths(options.Home);
        // The person's shared state: the files under Home by default, or a host's store (PostgreSQL for replicas).
        var shared = (stores ?? FileStoreFactory.Instance).Create(new StoreContext(Paths, clock, options, Secrets, memory));
        var store = shared.Credentials;
        var tokens = new Lazy<TokenEndpointClient>(() => new TokenEndpointClient(http.Value));
        var discovery = new Lazy<DiscoveryClient>(() => new DiscoveryClient(http.Value, memory.Value));
        var modelsClient = new Lazy<ModelsClient>(() => new ModelsClient(http.Value));
        var flows = shared.PendingFlows;
        var completed = new CompletedSignIns(Paths);
        var modelCache = shared.ModelCache;
        var modelAccess = new ModelAccess(Paths, clock, options.LockTimeout);

        Provider = new ExternalProviderSource(options, clock, Logging.CreateLogger("XaiGrok.Onboarding.Provider"), Secrets);
        Session = new SessionManager(store, () => tokens.Value, clock, options.EarlyRefresh, Provider, Logging.CreateLogger("XaiGrok.Onboarding.Session"));
        ModelKeys = new ModelKeys(Paths, environment ?? Environment.GetEnvironmentVariable, options.ConfigModelKeys);
        Bearers = new BearerResolver(Session, ModelKeys, options.ApiKey, Secrets);
        Models = new ModelService(Session, Bearers, () => modelsClient.Value, modelCache, modelAccess, Paths, options.ApiBaseUrl, clock, options.LockTimeout);
        Selection = shared.ModelChoice;
        Status = new StatusService(Session, flows, Models, Selection, options.ApiKey, SessionFillOrder.Configured(options), clock);

        signIn = new(() => new SignInService(
            options, () => discovery.Value, () => new DeviceAuthorizationClient(http.Value), new DeviceTokenPoller(() => tokens.Value, clock), flows, completed, Session, Models, clock, Logging.CreateLogger("XaiGrok.Onboarding.SignIn")));
        logout = new(() => new LogoutService(store, flows, completed, modelCache, modelAccess, Paths, () => http.Value));
        modelChoice = new(() => new ModelSelectionService(Models, Bearers, Selection));
        chat = new(() => new ChatService(Session, Bearers, Models, Selection, () => http.Value, options.ApiBaseUrl, clock, httpLimits, Logging.CreateLogger("XaiGrok.Onboarding.Chat")));
        var media = new Lazy<MediaApi>(() => new MediaApi(Session, Bearers, () => http.Value));
        var mediaLimits = MediaLimits.From(options);
        var mediaFiles = new MediaFiles(Paths, clock);
        images = new(() => new ImageService(media.Value, Models, mediaFiles, options.ApiBaseUrl, mediaLimits, clock));
        videos = new(() => new VideoService(
            media.Value, Models, new VideoRequestStore(Paths), new VideoDownloader(media.Value, () => http.Value, options.ApiBaseUrl, mediaLimits, clock), mediaFiles, Paths, options.ApiBaseUrl, mediaLimits, clock, options.LockTimeout));
        oidc = new(() => new OidcSessionService(new OidcLoginService(() => discovery.Value, () => tokens.Value, () => http.Value, clock), () => discovery.Value, store, clock));
    }

    public OnboardingOptions Options { get; }

    /// <summary>Every credential this instance holds or sent: cut out of its log lines, results and stream pieces.</summary>
    public SecretRegistry Secrets { get; } = new();

    /// <summary>The host's logger factory, or the module's own (<c>XAI_GROK_LOG</c>), built on the first message.</summary>
    public ILoggerFactory Logging { get; }

    public TimeProvider Clock { get; }

    public StatePaths Paths { get; }

    public SessionManager Session { get; }

    public ExternalProviderSource Provider { get; }

    public BearerResolver Bearers { get; }

    public ModelKeys ModelKeys { get; }

    public ModelService Models { get; }

    public StatusService Status { get; }

    public IModelChoiceStore Selection { get; }

    public SignInService SignIn => signIn.Value;

    public LogoutService Logout => logout.Value;

    public ModelSelectionService ModelChoice => modelChoice.Value;

    public ChatService Chat => chat.Value;

    public OidcSessionService Oidc => oidc.Value;

    public ImageService Images => images.Value;

    public VideoService Videos => videos.Value;

    /// <summary>Whether the HTTP client, handler and Polly pipelines were built (a request was made).</summary>
    public bool HttpStackBuilt => http.IsValueCreated;

    /// <summary>
    /// Creates the state folder (0700) or refuses an unsafe one; every public call starts here. The checks are
    /// skipped while the folder is provably the one checked last time (<see cref="UnchangedFileCache{T}"/>): any
    /// change of its mode, owner or entries, or another folder (or a symlink) in its place, makes them run again.
    /// </summary>
    public void EnsureHome() => home.Get();

    public void Dispose()
    {
        // A refresh whose caller was cancelled (Ctrl-C, a host's aborted request) may still be waiting for its answer;
        // closing the client now would drop it after the server spent the refresh token. One attempt's time at most.
        Session.WaitForExchange(httpLimits.AttemptTimeout);
        client?.Dispose();
        memory.Dispose();

        // Flushes the console logger's queue, which would otherwise lose the last lines at process exit.
        ownLogging?.Dispose();
    }
}
