namespace XaiGrok.Onboarding.Config;

/// <summary>The names of the environment variables the module reads (README's configuration table).</summary>
internal static class EnvironmentVariables
{
    public const string Issuer = "XAI_OAUTH_ISSUER";
    public const string ClientId = "XAI_OAUTH_CLIENT_ID";
    public const string Scopes = "XAI_OAUTH_SCOPES";
    public const string OAuthRedirectPort = "XAI_OAUTH_REDIRECT_PORT";
    public const string ApiBaseUrl = "XAI_API_BASE_URL";
    public const string ChatProxyBaseUrl = "GROK_CLI_CHAT_PROXY_BASE_URL";
    public const string Home = "XAI_GROK_HOME";
    public const string Config = "XAI_GROK_CONFIG";
    public const string ModelsCacheTtl = "XAI_MODELS_CACHE_TTL";
    public const string EarlyInvalidation = "GROK_AUTH_EARLY_INVALIDATION_SECS";
    public const string ApiKey = "XAI_API_KEY";
    public const string ProviderCommand = "GROK_AUTH_PROVIDER_COMMAND";
    public const string ProviderLabel = "GROK_AUTH_PROVIDER_LABEL";
    public const string ProviderTokenTtl = "GROK_AUTH_TOKEN_TTL";
    public const string ProviderExpired = "GROK_AUTH_EXPIRED";
    public const string OidcIssuer = "GROK_OIDC_ISSUER";
    public const string OidcClientId = "GROK_OIDC_CLIENT_ID";
    public const string OidcScopes = "GROK_OIDC_SCOPES";
    public const string OidcAudience = "GROK_OIDC_AUDIENCE";
    public const string LogLevel = "XAI_GROK_LOG";
    public const string LogFile = "XAI_GROK_LOG_FILE";

    /// <summary>The Grok CLI's log level; used when <see cref="LogLevel"/> is unset.</summary>
    public const string RustLog = "RUST_LOG";

    /// <summary>The Grok CLI's log file; used when <see cref="LogFile"/> is unset.</summary>
    public const string GrokLogFile = "GROK_LOG_FILE";
    public const string MediaMaxBytes = "XAI_MEDIA_MAX_BYTES";
    public const string StreamIdleTimeout = "XAI_GROK_STREAM_IDLE_TIMEOUT";
    public const string StreamTimeout = "XAI_GROK_STREAM_TIMEOUT";
    public const string StreamMaxAnswerChars = "XAI_GROK_STREAM_MAX_CHARS";
}
