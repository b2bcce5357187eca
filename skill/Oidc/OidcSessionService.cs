using XaiGrok.Onboarding.Credentials;
using XaiGrok.Onboarding.Discovery;
using XaiGrok.Onboarding.Errors;
using XaiGrok.Onboarding.Stores;
using XaiGrok.Onboarding.Telemetry;
using XaiGrok.Onboarding.Tiers;
using XaiGrok.Onboarding.Tokens;

namespace XaiGrok.Onboarding.Oidc;

/// <summary>
/// A browser sign-in as a source of the session token: enterprise OIDC (<c>GROK_OIDC_ISSUER</c>,
/// <c>GROK_OIDC_CLIENT_ID</c>, source <c>oidc</c>) or xAI OAuth (<c>XAI_OAUTH_ISSUER</c>, <c>XAI_OAUTH_CLIENT_ID</c>,
/// source <c>oauth</c>). Signs in through the issuer and stores the tokens with its own token endpoint and client id,
/// so that the ordinary refresh renews them silently without the browser.
/// </summary>
internal sealed class OidcSessionService(OidcLoginService login, Func<DiscoveryClient> discovery, ICredentialStore store, TimeProvider clock, TelemetryRecorder? telemetry = null)
{
    public async Task<Outcome<Credential>> LoginAsync(Outcome<BrowserSignInTarget> target, Func<Uri, Task> openBrowser, CancellationToken cancellationToken)
    {
        if (!target.IsSuccess)
        {
            return target.Failure;
        }

        var flow = target.Value.Source == CredentialSources.Oidc ? TelemetryNames.Values.Oidc : TelemetryNames.Values.OAuth;
        using var observed = (telemetry ?? new TelemetryRecorder(clock)).BeginSignIn(TelemetryNames.Activities.SignIn, flow, target.Value.Request.Issuer);
        observed.SignInStarted();

        // The caller's token stops the sign-in until the browser's code arrives; once the code is redeemed the tokens
        // are stored whatever it does, and it still gets its cancellation.
        return observed.SignInEnded(await SignInAndStoreAsync(target.Value, openBrowser, cancellationToken).WaitAsync(cancellationToken).ConfigureAwait(false));
    }

    private async Task<Outcome<Credential>> SignInAndStoreAsync(BrowserSignInTarget target, Func<Uri, Task> openBrowser, CancellationToken untilCode)
    {
        var (issuer, clientId) = (target.Request.Issuer, target.Request.ClientId);
        var signedIn = await login.LoginAsync(target.Request, openBrowser, untilCode).ConfigureAwait(false);
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
            Source = target.Source,
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
