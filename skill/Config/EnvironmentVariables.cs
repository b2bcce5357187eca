namespace XaiGrok.Onboarding.Config;

/// <summary>The names of the environment variables the module reads (README's configuration table).</summary>
internal static class EnvironmentVariables
{
    public const string Issuer = "XAI_OAUTH_ISSUER";
    public const string ClientId = "XAI_OAUTH_CLIENT_ID";
    public const string Scopes = "XAI_OAUTH_SCOPES";
    public const string ApiBaseUrl = "XAI_API_BASE_URL";
    public const string ChatProxyBaseUrl = "GROK_CLI_CHAT_PROXY_BASE_URL";
    public const string Home = "XAI_GROK_HOME";
    public const string ModelsCacheTtl = "XAI_MODELS_CACHE_TTL";
    public const string EarlyInvalidation = "GROK_AUTH_EARLY_INVALIDATION_SECS";
}
