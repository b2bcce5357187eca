using Microsoft.Extensions.Logging;
using XaiGrok.Onboarding.Caching;
using XaiGrok.Onboarding.Credentials;
using XaiGrok.Onboarding.DeviceGrant;
using XaiGrok.Onboarding.Discovery;
using XaiGrok.Onboarding.Http;
using XaiGrok.Onboarding.Lanes;
using XaiGrok.Onboarding.Logging;
using XaiGrok.Onboarding.Media;
using XaiGrok.Onboarding.Models;
using XaiGrok.Onboarding.Oidc;
using XaiGrok.Onboarding.Platform;
using XaiGrok.Onboarding.Provider;
using XaiGrok.Onboarding.Secrets;
using XaiGrok.Onboarding.Session;
using XaiGrok.Onboarding.SignIn;
using XaiGrok.Onboarding.Storage;
using XaiGrok.Onboarding.Stores;
using XaiGrok.Onboarding.Telemetry;
using XaiGrok.Onboarding.Tokens;

namespace XaiGrok.Onboarding.Runtime;

/// <summary>
/// Composes the services for one set of options. Everything a fresh <c>status</c> does not use is built on first use:
/// the HTTP stack (client, handler, Polly pipelines), the discovery cache, sign-in, chat, logout and OIDC (whose
/// JWT validation loads Microsoft.IdentityModel). A CLI process pays only for the services its verb touches.
/// On a platform (<see cref="PlatformStack"/>) the HTTP stack, the discovery cache and the logger factory are the
/// platform's, shared by every user; what is the user's own stays here: the folder, the session, the secrets (and
/// so the redaction of this user's log lines and results).
/// (<c>fileSystemClock</c> is the kernel's wall clock for the state files kept in memory, skill/Caching; tests pass one
/// that makes files look settled, so a host's caches are active from its first call.)
/// </summary>
internal sealed class OnboardingRuntime : IDisposable
{
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
    private readonly PlatformStack? shared;
    private readonly string? platformUserId;
    private HttpClient? client;
    private long lastUsedTicks;
    private volatile bool labelled;
    private ILogger? httpLog;
    private ILogger? callLog;

    public OnboardingRuntime(OnboardingOptions options, TimeProvider clock, HttpLimits? limits = null, HttpMessageHandler? handler = null, Func<string, string?>? environment = null, ILoggerFactory? loggerFactory = null, TimeProvider? fileSystemClock = null, IOnboardingStoreFactory? stores = null)
        : this(options, clock, limits, handler, environment, loggerFactory, shared: null, platformUserId: null, fileSystemClock, stores)
    {
    }

    /// <summary>
    /// One platform user's runtime over the platform's shared parts. Nothing comes from the process environment: the
    /// options are the platform's, with the user's folder as <see cref="OnboardingOptions.Home"/>.
    /// </summary>
    public OnboardingRuntime(OnboardingOptions options, TimeProvider clock, PlatformStack shared, string platformUserId, IOnboardingStoreFactory? stores = null)
        : this(options, clock, shared.Limits, handler: null, environment: static _ => null, loggerFactory: shared.Logging, shared, platformUserId, fileSystemClock: null, stores)
    {
    }

    private OnboardingRuntime(OnboardingOptions options, TimeProvider clock, HttpLimits? limits, HttpMessageHandler? handler, Func<string, string?>? environment, ILoggerFactory? loggerFactory, PlatformStack? shared, string? platformUserId, TimeProvider? fileSystemClock, IOnboardingStoreFactory? stores)
    {
        Options = options;
        Clock = clock;
        this.shared = shared;
        this.platformUserId = platformUserId;
        Touch();

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
            if (shared is not null)
            {
                return shared.SenderFor(Secrets, HttpLog);
            }

            client = HttpClientBuilder.Create(httpLimits, handler, HttpLog, clock);
            return new HttpSender(client, new ResiliencePipelines(httpLimits, clock, HttpLog), httpLimits, clock, Secrets);
        });

        // A host checks the folder before every call; while it provably has not changed, once is enough.
        home = new UnchangedFileCache<StateDirectory>(Path.TrimEndingDirectorySeparator(options.Home), StateDirectory.Open, fileSystemClock ?? TimeProvider.System);
        Paths = new StatePaths(options.Home);
        // The person's shared state: the files under Home by default, or a host's store (PostgreSQL for replicas).
        var stored = (stores ?? FileStoreFactory.Instance).Create(new StoreContext(Paths, clock, options, Secrets, fileSystemClock));
        var store = stored.Credentials;
        var tokens = new Lazy<TokenEndpointClient>(() => new TokenEndpointClient(http.Value));
        var discoveryCache = shared?.Discovery ?? new DiscoveryCache(clock, DiscoveryClient.DefaultTtl);
        var discovery = new Lazy<DiscoveryClient>(() => new DiscoveryClient(http.Value, discoveryCache));
        var modelsClient = new Lazy<ModelsClient>(() => new ModelsClient(http.Value));
        var flows = stored.PendingFlows;
        var modelCache = stored.ModelCache;
        var modelAccess = stored.ModelAccess;

        Provider = new ExternalProviderSource(options, clock, Logging.CreateLogger("XaiGrok.Onboarding.Provider"), Secrets);
        Telemetry = new TelemetryRecorder(clock) { UserId = platformUserId };
        Session = new SessionManager(store, () => tokens.Value, clock, options.EarlyRefresh, Provider, Logging.CreateLogger("XaiGrok.Onboarding.Session"), Telemetry);
        ModelKeys = new ModelKeys(Paths, environment ?? Environment.GetEnvironmentVariable, options.ConfigModelKeys, fileSystemClock);
        Bearers = new BearerResolver(Session, ModelKeys, options.ApiKey, Secrets);
        Models = new ModelService(Bearers, () => modelsClient.Value, modelCache, modelAccess, Paths, options.ApiBaseUrl, clock, options.LockTimeout);
        Selection = stored.ModelChoice;
        Status = new StatusService(Session, flows, Models, Selection, options.ApiKey, SessionFillOrder.Configured(options), clock);

        signIn = new(() => new SignInService(
            options, () => discovery.Value, () => new DeviceAuthorizationClient(http.Value), new DeviceTokenPoller(() => tokens.Value, clock), flows, Session, Models, clock, Logging.CreateLogger("XaiGrok.Onboarding.SignIn")));
        logout = new(() => new LogoutService(store, flows, modelCache, modelAccess, Paths, () => http.Value));
        modelChoice = new(() => new ModelSelectionService(Models, Bearers, Selection));
        chat = new(() => new ChatService(Bearers, Models, Selection, () => http.Value, options.ApiBaseUrl, clock, httpLimits, Telemetry, Logging.CreateLogger("XaiGrok.Onboarding.Chat")));
        var media = new Lazy<MediaApi>(() => new MediaApi(Bearers, () => http.Value));
        var mediaLimits = MediaLimits.From(options);
        var mediaFiles = new MediaFiles(Paths, clock);
        images = new(() => new ImageService(media.Value, Models, mediaFiles, options.ApiBaseUrl, mediaLimits, clock));
        videos = new(() => new VideoService(
            media.Value, Models, new VideoRequestStore(Paths), new VideoDownloader(media.Value, () => http.Value, options.ApiBaseUrl, mediaLimits, clock), mediaFiles, Paths, options.ApiBaseUrl, mediaLimits, clock, options.LockTimeout));
        oidc = new(() => new OidcSessionService(new OidcLoginService(() => discovery.Value, () => tokens.Value, () => http.Value, clock), () => discovery.Value, store, clock, Telemetry));
    }

    public OnboardingOptions Options { get; }

    /// <summary>Every credential this instance holds or sent: cut out of its log lines, results and stream pieces.</summary>
    public SecretRegistry Secrets { get; } = new();

    /// <summary>The host's logger factory, or the module's own (<c>XAI_GROK_LOG</c>), built on the first message.</summary>
    public ILoggerFactory Logging { get; }

    public TimeProvider Clock { get; }

    public StatePaths Paths { get; }

    /// <summary>This instance's telemetry; a host serving many people sets its user id (<c>enduser.id</c> on activities).</summary>
    public TelemetryRecorder Telemetry { get; }

    /// <summary>The platform's id for the person this instance serves: tagged <c>enduser.id</c> on activities, only when set.</summary>
    public string? TelemetryUserId
    {
        get => Telemetry.UserId;
        set => Telemetry.UserId = value;
    }

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

    /// <summary>The logger of this runtime's HTTP lines (redacted with its secrets), made on first use.</summary>
    public ILogger HttpLog => httpLog ??= Logging.CreateLogger("XaiGrok.Onboarding.Http");

    /// <summary>
    /// The logger of the public calls' lines, made once: a platform hands out a <c>GrokOnboarding</c> view per request,
    /// and a logger per view would cost every call.
    /// </summary>
    public ILogger CallLog => callLog ??= Logging.CreateLogger("XaiGrok.Onboarding");

    /// <summary>The platform's shared parts, when this runtime serves one of its users.</summary>
    public PlatformStack? Shared => shared;

    /// <summary>When a call last used this runtime (the injected clock), for a platform's eviction of idle users.</summary>
    public DateTimeOffset LastUsed => new(Interlocked.Read(ref lastUsedTicks), TimeSpan.Zero);

    /// <summary>Marks the runtime as used now.</summary>
    public void Touch() => Interlocked.Exchange(ref lastUsedTicks, Clock.GetUtcNow().UtcTicks);

    /// <summary>
    /// Creates the state folder (0700) or refuses an unsafe one; every public call starts here. The checks are
    /// skipped while the folder is provably the one checked last time (<see cref="UnchangedFileCache{T}"/>): any
    /// change of its mode, owner or entries, or another folder (or a symlink) in its place, makes them run again.
    /// </summary>
    public void EnsureHome()
    {
        if (shared is null)
        {
            home.Get();
            return;
        }

        // A platform user's folder sits in the platform's root, checked first; it is labelled with the user's id once.
        shared.Root.Get();
        home.Get();
        if (!labelled)
        {
            UserFolder.Label(Options.Home, platformUserId!);
            labelled = true;
        }
    }

    public void Dispose()
    {
        // A refresh whose caller was cancelled (Ctrl-C, a host's aborted request) may still be waiting for its answer;
        // closing the client now would drop it after the server spent the refresh token. One attempt's time at most.
        Session.WaitForExchange(httpLimits.AttemptTimeout);
        Session.Dispose();
        client?.Dispose();

        // Flushes the console logger's queue, which would otherwise lose the last lines at process exit.
        ownLogging?.Dispose();
    }
}
