using XaiGrok.Onboarding.Errors;
using XaiGrok.Onboarding.Protocol;

namespace XaiGrok.Onboarding.Oidc;

/// <summary>
/// The failures of a browser sign-in, with hints written for the company's identity provider (<c>GROK_OIDC_*</c>);
/// <see cref="SettingNames.Relabel"/> makes them name <c>XAI_OAUTH_*</c> for xAI's own sign-in.
/// Details name parameters and claims, never their values.
/// </summary>
internal static class OidcFailures
{
    public const string IssuerHint = "Check the OIDC issuer setting (GROK_OIDC_ISSUER): it must be the identity provider's issuer URL, over https.";

    private const string SignInAgain = "Run the sign-in again and finish it in the browser.";

    private const string CheckClient =
        "Check the OIDC client id (GROK_OIDC_CLIENT_ID) and that the identity provider lists http://127.0.0.1/callback " +
        "as a redirect URI of that public client.";

    public static Failure InvalidSetting(string detail) => new(ErrorCodes.InvalidConfiguration, detail, IssuerHint);

    public static Failure IncompleteDiscovery(string field) =>
        new(ErrorCodes.InvalidResponse, $"the identity provider's discovery document has no {field}, which the browser sign-in needs.", IssuerHint);

    public static Failure BrowserNotOpened() =>
        new(ErrorCodes.InternalError, "the sign-in page could not be opened in a browser.", "Open a browser on this machine, or use another sign-in method.");

    public static Failure PortUnavailable(int port, System.Net.Sockets.SocketError reason) =>
        new(ErrorCodes.NetworkError, $"the sign-in could not listen for the browser's redirect on 127.0.0.1:{port} ({reason}).",
            $"Another program holds that port: end it, or set {Config.EnvironmentVariables.OAuthRedirectPort} to the port registered for this client (unset it for a random port).");

    public static Failure TimedOut(TimeSpan waited) =>
        new(ErrorCodes.Expired, $"the browser sign-in was not finished within {(int)waited.TotalMinutes} minutes.", SignInAgain);

    public static Failure Closed() => new(ErrorCodes.InternalError, "the sign-in listener was closed before a redirect arrived.");

    /// <summary>The identity provider redirected back with an <c>error</c> (RFC 6749 §4.1.2.1).</summary>
    public static Failure Refused(string error, string? description) =>
        new(ErrorCodes.OAuthError, $"the identity provider ended the sign-in with {error}{Describe(description)}.", error == OAuthConstants.Errors.AccessDenied
            ? "The sign-in was cancelled or refused at the identity provider; sign in again, or ask its administrator for access to this app."
            : CheckClient)
        { ServerError = error };

    public static Failure TooManyWrongStates(int count) =>
        new(ErrorCodes.OAuthError, $"the sign-in was stopped after {count} redirects that belonged to no sign-in in progress (wrong state).", SignInAgain);

    public static Failure WrongIssuer(bool missing) =>
        new(ErrorCodes.OAuthError, missing
            ? "the authorization response carries no iss although the identity provider promises it (RFC 9207); it may come from another server, so it was not used."
            : "the authorization response names a different issuer (iss, RFC 9207): it comes from another server than the one asked, so it was not used.", SignInAgain);

    public static Failure NoCode() =>
        new(ErrorCodes.InvalidResponse, "the identity provider redirected back with neither a code nor an error.", SignInAgain);

    public static Failure CodeRefused(string error, string? description) =>
        new(ErrorCodes.OAuthError, $"the identity provider's token endpoint refused the authorization code ({error}{Describe(description)}).", CheckClient)
        { ServerError = error };

    public static Failure NoIdToken() =>
        new(ErrorCodes.InvalidResponse, "the token answer has no id_token although the openid scope was asked for.", CheckClient);

    public static Failure Keys(string detail) =>
        new(ErrorCodes.InvalidResponse, $"the identity provider's signing keys (jwks_uri) are not usable: {detail}", IssuerHint);

    public static Failure IdToken(string detail) =>
        new(ErrorCodes.InvalidResponse, $"the id_token was rejected: {detail}", "Check the OIDC issuer and client id settings and this machine's clock, then sign in again.");

    // An identity provider's description is shown cut short and without control characters; it is not ours to trust.
    private static string Describe(string? description)
    {
        if (description is null)
        {
            return string.Empty;
        }

        // The sentence around it ends with its own full stop.
        var printable = PrintableText.Clean(description, 200).TrimEnd('.', ' ');
        return printable.Length == 0 ? string.Empty : $": {printable}";
    }
}
