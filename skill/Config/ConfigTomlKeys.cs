namespace XaiGrok.Onboarding.Config;

/// <summary>The sections and keys of the Grok CLI's <c>config.toml</c> that the module reads; every other key is ignored.</summary>
internal static class ConfigTomlKeys
{
    public const string FileName = "config.toml";

    public const string Auth = "auth";
    public const string ProviderCommand = "auth_provider_command";
    public const string ProviderLabel = "auth_provider_label";
    public const string TokenTtl = "auth_token_ttl";

    public const string GrokCom = "grok_com_config";
    public const string Oidc = "oidc";
    public const string Issuer = "issuer";
    public const string ClientId = "client_id";
    public const string Scopes = "scopes";
    public const string Audience = "audience";

    public const string Model = "model";
    public const string ApiKey = "api_key";
    public const string EnvKey = "env_key";

    /// <summary>The settings' names in <c>status</c>'s <c>settings</c>, as the file writes them.</summary>
    public static readonly string[] StatusNames =
    [
        $"{Auth}.{ProviderCommand}", $"{Auth}.{ProviderLabel}", $"{Auth}.{TokenTtl}",
        $"{GrokCom}.{Oidc}.{Issuer}", $"{GrokCom}.{Oidc}.{ClientId}", $"{GrokCom}.{Oidc}.{Scopes}", $"{GrokCom}.{Oidc}.{Audience}",
    ];
}
