namespace XaiGrok.Onboarding.Config;

/// <summary>What a <c>config.toml</c> set, each with its line; a key the file does not hold is null.</summary>
internal sealed record ConfigToml(string Path)
{
    public string? ProviderCommand { get; init; }

    public string? ProviderLabel { get; init; }

    public TimeSpan? ProviderTokenTtl { get; init; }

    public Uri? OidcIssuer { get; init; }

    public string? OidcClientId { get; init; }

    /// <summary>Space-separated, as <c>GROK_OIDC_SCOPES</c>.</summary>
    public string? OidcScopes { get; init; }

    public string? OidcAudience { get; init; }

    /// <summary>The line (1-based) of each setting found, by its name in <see cref="ConfigTomlKeys.StatusNames"/>.</summary>
    public IReadOnlyDictionary<string, int> Lines { get; init; } = new Dictionary<string, int>();

    /// <summary>The <c>[model."name"]</c> sections' keys, by model name (case-insensitive), with their lines.</summary>
    public IReadOnlyDictionary<string, ConfigModelKey> Models { get; init; } = new Dictionary<string, ConfigModelKey>(StringComparer.OrdinalIgnoreCase);
}
