using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Logging;
using XaiGrok.Onboarding.Credentials;
using XaiGrok.Onboarding.DeviceGrant;
using XaiGrok.Onboarding.Discovery;
using XaiGrok.Onboarding.Http;
using XaiGrok.Onboarding.Lanes;
using XaiGrok.Onboarding.Logging;
using XaiGrok.Onboarding.Models;
using XaiGrok.Onboarding.Oidc;
using XaiGrok.Onboarding.Provider;
using XaiGrok.Onboarding.Session;
using XaiGrok.Onboarding.SignIn;
using XaiGrok.Onboarding.Storage;
using XaiGrok.Onboarding.Tokens;

namespace XaiGrok.Onboarding.Runtime;

/// <summary>
/// Composes the services for one set of options. The HTTP stack (client, handler, Polly pipelines) is built on the
/// first request, so a call that makes none (a fresh <c>status</c>) never pays for it.
/// </summary>
internal sealed class OnboardingRuntime : IDisposable
{
    private readonly Lazy<HttpClient> client;
    private readonly Lazy<HttpSender> http;
    private readonly ILoggerFactory? ownLogging;

    // Built on first use: a short-lived CLI process that answers from the file cache never needs it.
    private readonly Lazy<MemoryCache> memory = new(() => new MemoryCache(new MemoryCacheOptions()));

    public OnboardingRuntime(OnboardingOptions options, TimeProvider clock, HttpLimits? limits = null, HttpMessageHandler? handler = null, Func<string, string?>? environment = null, ILoggerFactory? loggerFactory = null)
    {
        Options = options;
        Clock = clock;

        // The host's factory is the host's to dispose; our own is ours.
        ownLogging = loggerFactory is null ? OnboardingLogging.Create(options, clock) : null;
        Logging = loggerFactory ?? ownLogging!;
        var httpLog = Logging.CreateLogger("XaiGrok.Onboarding.Http");
        foreach (var warning in options.Warnings)
        {
            LogEvents.ConfigurationProblem(Logging.CreateLogger("XaiGrok.Onboarding.Config"), warning);
        }

        var httpLimits = limits ?? new HttpLimits();
        client = new Lazy<HttpClient>(() => HttpClientBuilder.Create(httpLimits, handler, httpLog, clock));
        http = new Lazy<HttpSender>(() => new HttpSender(client.Value, new ResiliencePipelines(httpLimits, clock, httpLog), httpLimits, clock));

        Paths = new StatePaths(options.Home);
        var store = new CredentialStore(Paths, clock, options.LockTimeout);
        var tokens = new Lazy<TokenEndpointClient>(() => new TokenEndpointClient(http.Value));
        var discovery = new Lazy<DiscoveryClient>(() => new DiscoveryClient(http.Value, memory.Value));
        var deviceAuthorization = new Lazy<DeviceAuthorizationClient>(() => new DeviceAuthorizationClient(http.Value));
        var modelsClient = new Lazy<ModelsClient>(() => new ModelsClient(http.Value));
        var flows = new PendingFlowStore(Paths);
        var modelCache = new ModelCache(Paths, memory, clock, options.ModelsCacheTtl);

        Provider = new ExternalProviderSource(options, clock, Logging.CreateLogger("XaiGrok.Onboarding.Provider"));
        Session = new SessionManager(store, () => tokens.Value, clock, options.EarlyRefresh, Provider, Logging.CreateLogger("XaiGrok.Onboarding.Session"));
        Bearers = new BearerResolver(Session, new ModelKeys(Paths, environment ?? Environment.GetEnvironmentVariable), options.ApiKey);
        Models = new ModelService(Session, Bearers, () => modelsClient.Value, modelCache, Paths, options.ApiBaseUrl, clock, options.LockTimeout);
        SignIn = new SignInService(options, Paths, () => discovery.Value, () => deviceAuthorization.Value, new DeviceTokenPoller(() => tokens.Value, clock), flows, Session, Models, clock, Logging.CreateLogger("XaiGrok.Onboarding.SignIn"));
        Status = new StatusService(Session, flows, Models, new ModelSelection(Paths), options.ApiKey, clock);
        Logout = new LogoutService(store, flows, modelCache, Paths, () => http.Value, clock, options.LockTimeout);
        Selection = new ModelSelection(Paths);
        ModelChoice = new ModelSelectionService(Models, Selection);
        Oidc = new OidcSessionService(options, new OidcLoginService(() => discovery.Value, () => tokens.Value, () => http.Value, clock), () => discovery.Value, store, clock);
        Chat = new ChatService(Session, Bearers, Models, Selection, () => http.Value, options.ApiBaseUrl, clock, httpLimits, Logging.CreateLogger("XaiGrok.Onboarding.Chat"));
    }

    public OnboardingOptions Options { get; }

    /// <summary>The host's logger factory, or the module's own (<c>XAI_GROK_LOG</c>), built on the first message.</summary>
    public ILoggerFactory Logging { get; }

    public TimeProvider Clock { get; }

    public StatePaths Paths { get; }

    public SessionManager Session { get; }

    public ExternalProviderSource Provider { get; }

    public BearerResolver Bearers { get; }

    public ModelService Models { get; }

    public SignInService SignIn { get; }

    public StatusService Status { get; }

    public LogoutService Logout { get; }

    public ModelSelection Selection { get; }

    public ModelSelectionService ModelChoice { get; }

    public ChatService Chat { get; }

    public OidcSessionService Oidc { get; }

    /// <summary>Creates the state folder (0700) or refuses an unsafe one; every public call starts here.</summary>
    public void EnsureHome() => StateDirectory.Open(Options.Home);

    public void Dispose()
    {
        if (client.IsValueCreated)
        {
            client.Value.Dispose();
        }

        if (memory.IsValueCreated)
        {
            memory.Value.Dispose();
        }

        // Flushes the console logger's queue, which would otherwise lose the last lines at process exit.
        ownLogging?.Dispose();
    }
}
