using System.Text;
using Microsoft.Extensions.Logging;

namespace XaiGrok.Onboarding;

/// <summary>
/// Where the module signs in, where it keeps state and how long it trusts what it knows. Every property has the
/// default DESIGN.md gives; <see cref="FromEnvironment()"/> reads the documented environment variables.
/// </summary>
public sealed record OnboardingOptions
{
    /// <summary>The OIDC issuer whose discovery document names the OAuth endpoints (<c>XAI_OAUTH_ISSUER</c>).</summary>
    public Uri Issuer { get; init; } = new("https://auth.x.ai");

    /// <summary>The platform's own registered public OAuth client (<c>XAI_OAUTH_CLIENT_ID</c>); no default.</summary>
    public string? ClientId { get; init; }

    /// <summary>Space-separated scopes asked for (<c>XAI_OAUTH_SCOPES</c>).</summary>
    public string Scopes { get; init; } = Protocol.OAuthConstants.Scopes.Default;

    /// <summary>
    /// The loopback port of the browser sign-in's redirect (<c>XAI_OAUTH_REDIRECT_PORT</c>), for a client registered
    /// with a fixed <c>http://127.0.0.1:PORT/callback</c>; null (the default) listens on a random free port.
    /// </summary>
    public int? OAuthRedirectPort { get; init; }

    /// <summary>The inference API (<c>XAI_API_BASE_URL</c>, overridden by <c>GROK_CLI_CHAT_PROXY_BASE_URL</c>).</summary>
    public Uri ApiBaseUrl { get; init; } = new("https://api.x.ai/v1");

    /// <summary>The state folder (<c>XAI_GROK_HOME</c>, default <c>~/.xai-grok</c>).</summary>
    public string Home { get; init; } = DefaultHome();

    /// <summary>How long a fetched model list is reused (<c>XAI_MODELS_CACHE_TTL</c>, seconds).</summary>
    public TimeSpan ModelsCacheTtl { get; init; } = TimeSpan.FromSeconds(600);

    /// <summary>How long before expiry a token is refreshed (<c>GROK_AUTH_EARLY_INVALIDATION_SECS</c>).</summary>
    public TimeSpan EarlyRefresh { get; init; } = TimeSpan.FromSeconds(300);

    /// <summary>How long a process waits for another one's hold on the credential lock.</summary>
    public TimeSpan LockTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>A pay-per-token key, used when no session token is active (<c>XAI_API_KEY</c>).</summary>
    public string? ApiKey { get; init; }

    /// <summary>An external auth provider command, run with <c>sh -c</c> (<c>GROK_AUTH_PROVIDER_COMMAND</c>).</summary>
    public string? ProviderCommand { get; init; }

    /// <summary>A display name for the provider (<c>GROK_AUTH_PROVIDER_LABEL</c>).</summary>
    public string? ProviderLabel { get; init; }

    /// <summary>Lifetime of a provider token that states none (<c>GROK_AUTH_TOKEN_TTL</c>, seconds).</summary>
    public TimeSpan? ProviderTokenTtl { get; init; }

    /// <summary>How long the provider may run before it is killed with its whole process group.</summary>
    public TimeSpan ProviderTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Gets each line the external auth provider prints on stderr as it arrives (credentials cut out), the first
    /// https URL marked as the sign-in link, so the person can act while the provider waits for them. Called on a
    /// background thread; keep it quick. The lines are also in the call's result as <c>provider_messages</c>.
    /// </summary>
    public Action<ProviderMessage>? OnProviderMessage { get; init; }

    /// <summary>
    /// How long a streamed chat answer may go without a piece of text before it is cut off as <c>stream_interrupted</c>
    /// (<c>XAI_GROK_STREAM_IDLE_TIMEOUT</c>, seconds; default 120). Keep-alives do not count as text.
    /// </summary>
    public TimeSpan? StreamIdleTimeout { get; init; }

    /// <summary>The longest a streamed chat answer may take in all (<c>XAI_GROK_STREAM_TIMEOUT</c>, seconds; default 600).</summary>
    public TimeSpan? StreamTimeout { get; init; }

    /// <summary>
    /// The most text one streamed chat answer may collect, in characters (<c>XAI_GROK_STREAM_MAX_CHARS</c>; default
    /// 4,194,304); past it the answer ends as <c>stream_interrupted</c> with the text up to the limit.
    /// </summary>
    public int? StreamMaxAnswerChars { get; init; }

    /// <summary>An enterprise OIDC issuer (<c>GROK_OIDC_ISSUER</c>); with <see cref="OidcClientId"/> it enables <c>login --oidc</c>.</summary>
    public Uri? OidcIssuer { get; init; }

    /// <summary>The public client registered at the enterprise IdP (<c>GROK_OIDC_CLIENT_ID</c>).</summary>
    public string? OidcClientId { get; init; }

    /// <summary>Scopes asked of the enterprise IdP (<c>GROK_OIDC_SCOPES</c>, space-separated); default as for xAI.</summary>
    public string? OidcScopes { get; init; }

    /// <summary>The <c>audience</c> some IdPs (Auth0) need to issue an API token (<c>GROK_OIDC_AUDIENCE</c>).</summary>
    public string? OidcAudience { get; init; }

    /// <summary>
    /// The largest video the module downloads, and the bound on an image answer (<c>XAI_MEDIA_MAX_BYTES</c>, default
    /// 512 MiB); a larger one is refused and nothing is kept.
    /// </summary>
    public long MediaMaxBytes { get; init; } = 512L * 1024 * 1024;

    /// <summary>
    /// The least severe messages the module's own logging writes (<c>XAI_GROK_LOG</c>: trace, debug, information,
    /// warning, error, critical, none). Ignored when the host passes its own logger factory.
    /// </summary>
    public LogLevel LogLevel { get; init; } = LogLevel.Error;

    /// <summary>The file the module's own logging appends to (<c>XAI_GROK_LOG_FILE</c>); stderr when unset.</summary>
    public string? LogFile { get; init; }

    /// <summary>Problems found while reading the environment that did no harm (a log level that does not parse); the default was used.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>
    /// Settings read from the environment that do not parse (a URL, a number of seconds), each naming its variable.
    /// While any is listed, every call fails with <c>invalid_configuration</c>: no default stands in for them.
    /// </summary>
    internal IReadOnlyList<Config.InvalidSetting> InvalidSettings { get; init; } = [];

    /// <summary>The <c>config.toml</c> that was read (<c>XAI_GROK_CONFIG</c>, else <c>config.toml</c> in <see cref="Home"/>); null when none was.</summary>
    internal string? ConfigFile { get; init; }

    /// <summary>The per-model keys of <c>config.toml</c>'s <c>[model."name"]</c> sections, by model name.</summary>
    internal IReadOnlyDictionary<string, Config.ConfigModelKey> ConfigModelKeys { get; init; } = new Dictionary<string, Config.ConfigModelKey>();

    /// <summary>Where each setting <c>config.toml</c> can hold came from; null when a host built the options itself.</summary>
    internal IReadOnlyDictionary<string, Config.SettingSource>? SettingSources { get; init; }

    /// <summary>Reads the options from this process's environment variables, and <c>config.toml</c> beneath them.</summary>
    public static OnboardingOptions FromEnvironment() =>
        Config.EnvironmentOptionsReader.Read(Environment.GetEnvironmentVariable);

    /// <summary>Reads the options from an environment given as a lookup (for hosts and tests), and <c>config.toml</c> beneath them.</summary>
    public static OnboardingOptions FromEnvironment(Func<string, string?> lookup) =>
        Config.EnvironmentOptionsReader.Read(lookup);

    // The generated ToString prints every property: a host that logs its options would log the API key.
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Issuer = ").Append(Issuer)
            .Append(", ClientId = ").Append(ClientId)
            .Append(", Scopes = ").Append(Scopes)
            .Append(", OAuthRedirectPort = ").Append(OAuthRedirectPort)
            .Append(", ApiBaseUrl = ").Append(ApiBaseUrl)
            .Append(", Home = ").Append(Home)
            .Append(", ModelsCacheTtl = ").Append(ModelsCacheTtl)
            .Append(", EarlyRefresh = ").Append(EarlyRefresh)
            .Append(", LockTimeout = ").Append(LockTimeout)
            .Append(", ApiKey = ").Append(ApiKey is null ? "" : Secrets.SecretRegistry.Hidden)
            .Append(", ProviderCommand = ").Append(ProviderCommand)
            .Append(", ProviderLabel = ").Append(ProviderLabel)
            .Append(", ProviderTokenTtl = ").Append(ProviderTokenTtl)
            .Append(", ProviderTimeout = ").Append(ProviderTimeout)
            .Append(", OnProviderMessage = ").Append(OnProviderMessage is null ? "" : "set")
            .Append(", OidcIssuer = ").Append(OidcIssuer)
            .Append(", OidcClientId = ").Append(OidcClientId)
            .Append(", OidcScopes = ").Append(OidcScopes)
            .Append(", OidcAudience = ").Append(OidcAudience)
            .Append(", LogLevel = ").Append(LogLevel)
            .Append(", LogFile = ").Append(LogFile)
            .Append(", Warnings = ").Append(Warnings.Count);
        return true;
    }

    private static string DefaultHome() =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".xai-grok");
}
