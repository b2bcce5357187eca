namespace XaiGrok.Onboarding.Protocol;

/// <summary>Every protocol string of RFC 6749, RFC 8628, RFC 7009 and OpenID Connect Discovery we use, in one place.</summary>
internal static class OAuthConstants
{
    public const string WellKnownPath = "/.well-known/openid-configuration";

    public static class GrantTypes
    {
        public const string DeviceCode = "urn:ietf:params:oauth:grant-type:device_code";
        public const string RefreshToken = "refresh_token";
    }

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
    }

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
        public const string Tier = "tier";
        public const string Subject = "sub";
        public const string Email = "email";
    }

    public const string BearerTokenType = "Bearer";
    public const string FormContentType = "application/x-www-form-urlencoded";
}
