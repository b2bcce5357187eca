using XaiGrok.Onboarding.Credentials;
using XaiGrok.Onboarding.Discovery;
using XaiGrok.Onboarding.Errors;
using XaiGrok.Onboarding.Tiers;
using XaiGrok.Onboarding.Tokens;

namespace XaiGrok.Onboarding.Oidc;

/// <summary>
/// Enterprise OIDC as a source of the session token (<c>GROK_OIDC_ISSUER</c>, <c>GROK_OIDC_CLIENT_ID</c>): signs in
/// through the company's IdP and stores the tokens as source <c>oidc</c>, with the IdP's own token endpoint and
/// client id, so that the ordinary refresh renews them silently without the browser.
/// </summary>
internal sealed class OidcSessionService(OnboardingOptions options, OidcLoginService login, Func<DiscoveryClient> discovery, CredentialStore store, TimeProvider clock)
{
    public bool IsConfigured => options.OidcIssuer is not null && options.OidcClientId is not null;

    public async Task<Outcome<Credential>> LoginAsync(Func<Uri, Task> openBrowser, CancellationToken cancellationToken)
    {
        if (options.OidcIssuer is not { } issuer || options.OidcClientId is not { } clientId)
        {
            return new Failure(ErrorCodes.ClientNotConfigured, "enterprise OIDC is not configured.", "Set GROK_OIDC_ISSUER (your IdP, e.g. https://acme.okta.com) and GROK_OIDC_CLIENT_ID (the public client registered there).");
        }

        var request = new OidcLoginRequest(issuer, clientId)
        {
            Scopes = options.OidcScopes?.Split(' ', StringSplitOptions.RemoveEmptyEntries) ?? OidcLoginRequest.DefaultScopes,
            Audience = options.OidcAudience,
        };

        // The caller's token stops the sign-in until the browser's code arrives; once the code is redeemed the tokens
        // are stored whatever it does, and it still gets its cancellation.
        return await SignInAndStoreAsync(issuer, clientId, request, openBrowser, cancellationToken).WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<Outcome<Credential>> SignInAndStoreAsync(Uri issuer, string clientId, OidcLoginRequest request, Func<Uri, Task> openBrowser, CancellationToken untilCode)
    {
        var signedIn = await login.LoginAsync(request, openBrowser, untilCode).ConfigureAwait(false);
        if (!signedIn.IsSuccess)
        {
            return signedIn.Failure;
        }

        // Discovery was fetched (and cached) by the login itself; the token endpoint is kept for silent refresh.
        var document = await discovery().GetAsync(issuer, CancellationToken.None).ConfigureAwait(false);
        if (!document.IsSuccess)
        {
            return document.Failure;
        }

        var tokens = signedIn.Value.Tokens;
        var now = clock.GetUtcNow();
        var claims = AccessTokenClaims.Read(tokens.AccessToken);
        var credential = new Credential
        {
            Source = CredentialSources.Oidc,
            AccessToken = tokens.AccessToken,
            RefreshToken = tokens.RefreshToken,
            IdToken = tokens.IdToken,
            ExpiresAt = TokenLifetime.ExpiresAt(now, tokens.ExpiresInSeconds, claims.ExpiresAt),
            ObtainedAt = now,
            Tier = claims.Tier,
            Subject = signedIn.Value.Subject ?? claims.Subject,
            Email = signedIn.Value.Email ?? claims.Email,
            Issuer = issuer.AbsoluteUri.TrimEnd('/'),
            ClientId = clientId,
            TokenEndpoint = document.Value.TokenEndpoint.AbsoluteUri,
            RevocationEndpoint = document.Value.RevocationEndpoint?.AbsoluteUri,
        };
        using (await store.LockAsync(CancellationToken.None).ConfigureAwait(false))
        {
            store.Write(credential);
        }

        return credential;
    }
}
