namespace XaiGrok.Onboarding.Oidc;

/// <summary>
/// The protocol strings of the authorization code grant (RFC 6749 §4.1), PKCE (RFC 7636) and OpenID Connect Core
/// that <see cref="Protocol.OAuthConstants"/> does not hold yet; they belong there once this component is wired in.
/// </summary>
internal static class OidcConstants
{
    public const string AuthorizationCodeGrant = "authorization_code";
    public const string ResponseTypeCode = "code";
    public const string DefaultScope = "openid profile email offline_access api:access";
    public const string OpenIdScope = "openid";
    public const string CallbackPath = "/callback";

    public static class Parameters
    {
        public const string ResponseType = "response_type";
        public const string RedirectUri = "redirect_uri";
        public const string State = "state";
        public const string Nonce = "nonce";
        public const string Code = "code";
        public const string CodeChallenge = "code_challenge";
        public const string CodeChallengeMethod = "code_challenge_method";
        public const string CodeVerifier = "code_verifier";
        public const string Audience = "audience";
        public const string Error = "error";
        public const string ErrorDescription = "error_description";

        /// <summary>RFC 9207: the issuer that sent an authorization response.</summary>
        public const string Issuer = "iss";
    }

    public static class Claims
    {
        public const string Nonce = "nonce";
        public const string AuthorizedParty = "azp";
    }
}
