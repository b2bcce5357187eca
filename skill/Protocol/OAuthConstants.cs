namespace XaiGrok.Onboarding.Protocol;

/// <summary>
/// Every protocol string the engine sends, reads or matches, in one place: OAuth 2.0 (RFC 6749), bearer tokens
/// (RFC 6750), PKCE (RFC 7636), token revocation (RFC 7009), the device grant (RFC 8628), issuer identification
/// (RFC 9207), OpenID Connect Core and Discovery. The emulator and the tests keep their own copies on purpose: they
/// play the other side of the protocol, and a typo here must not be mirrored there.
/// </summary>
internal static class OAuthConstants
{
    public const string WellKnownPath = "/.well-known/openid-configuration";

    public const string BearerTokenType = "Bearer";
    public const string FormContentType = "application/x-www-form-urlencoded";

    public static class GrantTypes
    {
        public const string DeviceCode = "urn:ietf:params:oauth:grant-type:device_code";
        public const string RefreshToken = "refresh_token";
        public const string AuthorizationCode = "authorization_code";
    }

    public static class ResponseTypes
    {
        public const string Code = "code";
    }

    /// <summary>RFC 7636 §4.2: S256 only; <c>plain</c> would put the verifier itself in the browser's URL.</summary>
    public static class CodeChallengeMethods
    {
        public const string S256 = "S256";
    }

    public static class Scopes
    {
        public const string OpenId = "openid";

        /// <summary><c>offline_access</c> asks for the refresh token; <c>api:access</c> for a token the xAI API takes.</summary>
        public const string Default = "openid profile email offline_access api:access";
    }

    /// <summary>Names in a request: a form sent to an endpoint, or the query of an authorization request or redirect.</summary>
    public static class Parameters
    {
        public const string GrantType = "grant_type";
        public const string ClientId = "client_id";
        public const string Scope = "scope";
        public const string DeviceCode = "device_code";
        public const string RefreshToken = "refresh_token";
        public const string Token = "token";
        public const string TokenTypeHint = "token_type_hint";
        public const string UserCode = "user_code";
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

    /// <summary>Names in a JSON answer of the device authorization or token endpoint.</summary>
    public static class Fields
    {
        public const string DeviceCode = "device_code";
        public const string UserCode = "user_code";
        public const string VerificationUri = "verification_uri";
        public const string VerificationUriComplete = "verification_uri_complete";
        public const string ExpiresIn = "expires_in";
        public const string Interval = "interval";
        public const string AccessToken = "access_token";
        public const string TokenType = "token_type";
        public const string RefreshToken = "refresh_token";
        public const string IdToken = "id_token";
        public const string Scope = "scope";
        public const string Error = "error";
        public const string ErrorDescription = "error_description";
    }

    public static class Discovery
    {
        public const string Issuer = "issuer";
        public const string DeviceAuthorizationEndpoint = "device_authorization_endpoint";
        public const string TokenEndpoint = "token_endpoint";
        public const string AuthorizationEndpoint = "authorization_endpoint";
        public const string RevocationEndpoint = "revocation_endpoint";
        public const string JwksUri = "jwks_uri";

        /// <summary>RFC 9207 §3: the server puts <c>iss</c> in every authorization response.</summary>
        public const string IssParameterSupported = "authorization_response_iss_parameter_supported";
    }

    public static class Errors
    {
        public const string AuthorizationPending = "authorization_pending";
        public const string SlowDown = "slow_down";
        public const string AccessDenied = "access_denied";
        public const string ExpiredToken = "expired_token";
        public const string InvalidGrant = "invalid_grant";
        public const string InvalidClient = "invalid_client";
        public const string UnauthorizedClient = "unauthorized_client";
    }

    public static class Claims
    {
        public const string Subject = "sub";
        public const string Email = "email";
        public const string Expiry = "exp";
        public const string Nonce = "nonce";
        public const string AuthorizedParty = "azp";

        /// <summary>xAI's own claim in its access tokens: the subscription tier.</summary>
        public const string Tier = "tier";
    }
}
