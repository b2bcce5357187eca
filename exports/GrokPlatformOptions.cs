namespace XaiGrok.Onboarding;

/// <summary>
/// What a platform host configures for <see cref="GrokPlatform"/>: where its users sign in, where their state lives and
/// how much the shared HTTP stack may hold. Nothing here comes from the process environment; a host binds it from its
/// configuration (section <see cref="SectionName"/>, see <c>AddXaiGrokOnboarding(IConfiguration)</c>) or sets it in code.
/// There is no API key: a user who never signed in is not connected, whatever the host's own environment holds.
/// </summary>
public sealed record GrokPlatformOptions
{
    /// <summary>The configuration section read by convention.</summary>
    public const string SectionName = "Grok";

    /// <summary>The OIDC issuer whose discovery document names the OAuth endpoints (key <c>Issuer</c>).</summary>
    public Uri Issuer { get; init; } = new("https://auth.x.ai");

    /// <summary>The platform's own registered public OAuth client (key <c>ClientId</c>); no default.</summary>
    public string? ClientId { get; init; }

    /// <summary>Space-separated scopes asked for (key <c>Scopes</c>).</summary>
    public string Scopes { get; init; } = "openid profile email offline_access api:access";

    /// <summary>The inference API (key <c>ApiBaseUrl</c>).</summary>
    public Uri ApiBaseUrl { get; init; } = new("https://api.x.ai/v1");

    /// <summary>
    /// The root folder of the per-user file store (key <c>StateRoot</c>; required): one 0700 folder per user in it,
    /// named after a hash of the user id.
    /// </summary>
    public string? StateRoot { get; init; }

    /// <summary>
    /// Where the users' sessions, sign-ins, model lists and chosen models are kept (not read from configuration: the
    /// host sets it in code, or registers a <see cref="GrokUserStore"/> in its container). Null: files in one folder per
    /// user under <see cref="StateRoot"/>, shared by the processes of one machine. <c>GrokPostgreSqlStore</c> (package
    /// XaiGrok.Onboarding.PostgreSql): one database shared by replicas on any number of machines. <see cref="StateRoot"/>
    /// is required either way: it also holds what each process keeps for itself (media files, its own locks).
    /// </summary>
    public GrokUserStore? Store { get; init; }

    /// <summary>How long before expiry a token is refreshed, in seconds (key <c>EarlyRefreshSeconds</c>).</summary>
    public int EarlyRefreshSeconds { get; init; } = 300;

    /// <summary>
    /// The most connections the shared pool opens to one server (key <c>MaxConnectionsPerServer</c>; default 32), whatever
    /// the number of users: requests beyond it wait for a free connection.
    /// </summary>
    public int MaxConnectionsPerServer { get; init; } = 32;

    /// <summary>How long a discovery document is reused, for every user alike (key <c>DiscoveryTtlSeconds</c>).</summary>
    public TimeSpan DiscoveryTtl { get; init; } = TimeSpan.FromHours(1);

    /// <summary>
    /// How long a user's in-memory state is kept without a call (key <c>IdleTimeoutSeconds</c>); then it is dropped, and
    /// the next call rebuilds it from the user's folder.
    /// </summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>How long a fetched model list is reused (key <c>ModelsCacheTtlSeconds</c>).</summary>
    public TimeSpan ModelsCacheTtl { get; init; } = TimeSpan.FromSeconds(600);

    /// <summary>How long a call waits for another process's hold on a user's lock (key <c>LockTimeoutSeconds</c>).</summary>
    public TimeSpan LockTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Settings from configuration that do not parse, each naming its key; while any is listed every call fails.</summary>
    internal IReadOnlyList<Config.InvalidSetting> InvalidSettings { get; init; } = [];
}
