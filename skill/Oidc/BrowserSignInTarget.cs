using XaiGrok.Onboarding.Credentials;
using XaiGrok.Onboarding.Errors;

namespace XaiGrok.Onboarding.Oidc;

/// <summary>
/// Where a browser sign-in goes and what session it makes: enterprise OIDC (<c>GROK_OIDC_*</c>, source <c>oidc</c>) or
/// xAI's own OAuth at auth.x.ai (<c>XAI_OAUTH_*</c>, source <c>oauth</c>). The same code signs in at either; only
/// these settings differ.
/// </summary>
internal sealed record BrowserSignInTarget(string Source, OidcLoginRequest Request)
{
    public static Outcome<BrowserSignInTarget> Enterprise(OnboardingOptions options)
    {
        if (options.OidcIssuer is not { } issuer || options.OidcClientId is not { } clientId)
        {
            return new Failure(ErrorCodes.ClientNotConfigured, "enterprise OIDC is not configured.", "Set GROK_OIDC_ISSUER (your IdP, e.g. https://acme.okta.com) and GROK_OIDC_CLIENT_ID (the public client registered there).");
        }

        return new BrowserSignInTarget(CredentialSources.Oidc, new OidcLoginRequest(issuer, clientId)
        {
            Scopes = ScopeList(options.OidcScopes),
            Audience = options.OidcAudience,
        });
    }

    public static Outcome<BrowserSignInTarget> Xai(OnboardingOptions options)
    {
        if (options.ClientId is not { } clientId)
        {
            return new Failure(ErrorCodes.ClientNotConfigured, "XAI_OAUTH_CLIENT_ID is not set, so there is no OAuth client to sign in with.", Hints.ConfigureClient);
        }

        return new BrowserSignInTarget(CredentialSources.OAuth, new OidcLoginRequest(options.Issuer, clientId)
        {
            Scopes = ScopeList(options.Scopes),
            RedirectPort = options.OAuthRedirectPort,
            Settings = SettingNames.Xai,
        });
    }

    private static IReadOnlyList<string> ScopeList(string? scopes) =>
        scopes?.Split(' ', StringSplitOptions.RemoveEmptyEntries) ?? OidcLoginRequest.DefaultScopes;
}
