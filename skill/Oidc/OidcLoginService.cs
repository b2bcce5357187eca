using System.Net.Sockets;
using XaiGrok.Onboarding.Discovery;
using XaiGrok.Onboarding.Errors;
using XaiGrok.Onboarding.Http;
using XaiGrok.Onboarding.Protocol;
using XaiGrok.Onboarding.Tokens;
using Names = XaiGrok.Onboarding.Protocol.OAuthConstants.Parameters;

namespace XaiGrok.Onboarding.Oidc;

/// <summary>
/// Signs a person in at an OpenID Provider (the company's, or xAI's own at auth.x.ai): the authorization code grant with
/// PKCE for native apps (RFC 8252), a loopback redirect, and a validated id_token. Stores nothing: the caller keeps the
/// tokens.
/// Only the caller's cancellation escapes as an exception; everything else is a <see cref="Failure"/>.
/// </summary>
internal sealed class OidcLoginService(Func<DiscoveryClient> discovery, Func<TokenEndpointClient> tokens, Func<HttpSender> http, TimeProvider clock)
{
    private readonly IdTokenValidator validator = new(clock);

    /// <summary>Runs the whole sign-in; <paramref name="openBrowser"/> shows the authorization URL (opens a browser or prints it).</summary>
    public async Task<Outcome<OidcLoginResult>> LoginAsync(OidcLoginRequest request, Func<Uri, Task> openBrowser, CancellationToken cancellationToken)
    {
        var outcome = await SignInAsync(request, openBrowser, cancellationToken).ConfigureAwait(false);
        return outcome.IsSuccess ? outcome : request.Settings.Relabel(outcome.Failure);
    }

    private async Task<Outcome<OidcLoginResult>> SignInAsync(OidcLoginRequest request, Func<Uri, Task> openBrowser, CancellationToken cancellationToken)
    {
        if (Check(request) is { } invalid)
        {
            return invalid;
        }

        var found = await discovery().GetAsync(request.Issuer, cancellationToken).ConfigureAwait(false);
        if (!found.IsSuccess)
        {
            // The discovery client's own hint names the xAI issuer variable.
            return found.Failure.Code is ErrorCodes.InvalidConfiguration or ErrorCodes.InvalidResponse ? found.Failure with { Hint = OidcFailures.IssuerHint } : found.Failure;
        }

        var document = found.Value;
        if (document.AuthorizationEndpoint is not { } authorize)
        {
            return OidcFailures.IncompleteDiscovery(OAuthConstants.Discovery.AuthorizationEndpoint);
        }

        if (document.JwksUri is not { } jwks)
        {
            return OidcFailures.IncompleteDiscovery(OAuthConstants.Discovery.JwksUri);
        }

        var verifier = Pkce.NewVerifier();
        var nonce = Pkce.NewNonce();
        var code = await AuthorizeAsync(request, authorize, new ExpectedIssuer(document.IssuerIdentifier, document.IssParameterSupported), verifier, nonce, openBrowser, cancellationToken).ConfigureAwait(false);
        if (!code.IsSuccess)
        {
            return code.Failure;
        }

        // The code is redeemed once: from here on the caller's cancellation no longer applies (the caller, which must store
        // the tokens whatever happens, awaits this with its own token); the pipelines' timeouts bound the rest.
        var issued = await RedeemAsync(request, document.TokenEndpoint, code.Value.Code, code.Value.RedirectUri, verifier, CancellationToken.None).ConfigureAwait(false);
        if (!issued.IsSuccess)
        {
            return issued.Failure;
        }

        if (issued.Value.IdToken is not { } idToken)
        {
            return request.AsksForIdToken ? OidcFailures.NoIdToken() : new OidcLoginResult(issued.Value, null, null);
        }

        var keys = await new JwksClient(http()).GetSigningKeysAsync(request.Issuer, jwks, CancellationToken.None).ConfigureAwait(false);
        if (!keys.IsSuccess)
        {
            return keys.Failure;
        }

        var claims = await validator.ValidateAsync(idToken, request.Issuer, request.ClientId, nonce, keys.Value).ConfigureAwait(false);
        return claims.IsSuccess ? new OidcLoginResult(issued.Value, claims.Value.Subject, claims.Value.Email) : claims.Failure;
    }

    private async Task<Outcome<(string Code, Uri RedirectUri)>> AuthorizeAsync(
        OidcLoginRequest request, Uri authorize, ExpectedIssuer issuer, string verifier, string nonce, Func<Uri, Task> openBrowser, CancellationToken cancellationToken)
    {
        var state = Pkce.NewState();
        LoopbackRedirectListener started;
        try
        {
            started = LoopbackRedirectListener.Start(state, clock, issuer, request.RedirectPort ?? 0);
        }
        catch (SocketException e)
        {
            return OidcFailures.PortUnavailable(request.RedirectPort ?? 0, e.SocketErrorCode);
        }

        await using var listener = started;
        var url = AuthorizationUrl.Build(authorize, request, listener.RedirectUri, state, nonce, Pkce.ChallengeFor(verifier));
        try
        {
            await openBrowser(url).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return OidcFailures.BrowserNotOpened();
        }

        var code = await listener.WaitForCodeAsync(request.Timeout, cancellationToken).ConfigureAwait(false);
        return code.IsSuccess ? (code.Value, listener.RedirectUri) : code.Failure;
    }

    // §4.1.3: the code is redeemed once; a retry after a lost answer could only meet invalid_grant.
    private async Task<Outcome<TokenResponse>> RedeemAsync(OidcLoginRequest request, Uri tokenEndpoint, string code, Uri redirectUri, string verifier, CancellationToken cancellationToken)
    {
        KeyValuePair<string, string>[] form =
        [
            new(Names.GrantType, OAuthConstants.GrantTypes.AuthorizationCode),
            new(Names.Code, code),
            new(Names.RedirectUri, redirectUri.AbsoluteUri),
            new(Names.ClientId, request.ClientId),
            new(Names.CodeVerifier, verifier),
        ];
        var answer = await tokens().RequestAsync(tokenEndpoint, form, RequestKind.Once, cancellationToken).ConfigureAwait(false);
        return answer switch
        {
            { Tokens: { } issued } => issued,
            { Error: { } error } => OidcFailures.CodeRefused(error, answer.ErrorDescription),
            _ => answer.Failure ?? new Failure(ErrorCodes.InternalError, "the token endpoint gave no answer."),
        };
    }

    private static Failure? Check(OidcLoginRequest request)
    {
        if (string.IsNullOrWhiteSpace(request.ClientId) || !TextChecks.IsOpaqueValue(request.ClientId))
        {
            return OidcFailures.InvalidSetting("the OIDC client id is empty or not printable text.");
        }

        if (request.Scopes.Count == 0 || !request.Scopes.All(TextChecks.IsScopeToken))
        {
            return OidcFailures.InvalidSetting("the OIDC scopes must be non-empty tokens without spaces.");
        }

        return request.Timeout <= TimeSpan.Zero ? OidcFailures.InvalidSetting("the sign-in timeout must be positive.") : null;
    }
}
