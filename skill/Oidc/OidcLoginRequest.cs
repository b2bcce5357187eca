using XaiGrok.Onboarding.Protocol;

namespace XaiGrok.Onboarding.Oidc;

/// <summary>
/// Who to sign in with: an OpenID Provider (the company's, or xAI's own) and the public client registered there.
/// </summary>
internal sealed record OidcLoginRequest(Uri Issuer, string ClientId)
{
    public static readonly IReadOnlyList<string> DefaultScopes = OAuthConstants.Scopes.Default.Split(' ');

    /// <summary><c>offline_access</c> asks for the refresh token that keeps the session alive without the browser.</summary>
    public IReadOnlyList<string> Scopes { get; init; } = DefaultScopes;

    /// <summary>Sent as <c>audience</c> when set; some identity providers (Auth0) need it to issue an API token.</summary>
    public string? Audience { get; init; }

    /// <summary>How long the browser may take, from opening the page to the redirect.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// The loopback port the redirect comes back to, for a client registered with a fixed one; null lets the system
    /// pick a free port (RFC 8252 §7.3: an identity provider lets a loopback redirect use any port).
    /// </summary>
    public int? RedirectPort { get; init; }

    /// <summary>The variables the issuer and client id come from, named in the hints.</summary>
    public SettingNames Settings { get; init; } = SettingNames.Enterprise;

    public string Scope => string.Join(' ', Scopes);

    public bool AsksForIdToken => Scopes.Contains(OAuthConstants.Scopes.OpenId, StringComparer.Ordinal);
}
