namespace XaiGrok.Onboarding.Credentials;

/// <summary>
/// GROK-CLI-AUTH.md's order for filling the session token when more than one sign-in is configured: the external auth
/// provider, then enterprise OIDC (issuer and client id both set), then xAI OAuth, the default. One place, so that
/// <c>status</c> and <c>login</c> cannot disagree.
/// </summary>
internal static class SessionFillOrder
{
    /// <summary>The first configured source: <c>external_provider</c>, <c>oidc</c> or <c>oauth</c>.</summary>
    public static string Configured(OnboardingOptions options) =>
        options.ProviderCommand is not null ? CredentialSources.ExternalProvider : Interactive(options);

    /// <summary>The browser sign-in a person's <c>login</c> uses: enterprise OIDC when configured, else xAI OAuth.</summary>
    public static string Interactive(OnboardingOptions options) =>
        IsOidcConfigured(options) ? CredentialSources.Oidc : CredentialSources.OAuth;

    public static bool IsOidcConfigured(OnboardingOptions options) => options.OidcIssuer is not null && options.OidcClientId is not null;
}
