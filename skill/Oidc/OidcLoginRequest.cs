namespace XaiGrok.Onboarding.Oidc;

/// <summary>Who to sign in with: the company's identity provider and the public client registered there.</summary>
internal sealed record OidcLoginRequest(Uri Issuer, string ClientId)
{
    public static readonly IReadOnlyList<string> DefaultScopes = OidcConstants.DefaultScope.Split(' ');

    /// <summary><c>offline_access</c> asks for the refresh token that keeps the session alive without the browser.</summary>
    public IReadOnlyList<string> Scopes { get; init; } = DefaultScopes;

    /// <summary>Sent as <c>audience</c> when set; some identity providers (Auth0) need it to issue an API token.</summary>
    public string? Audience { get; init; }

    /// <summary>How long the browser may take, from opening the page to the redirect.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(5);

    public string Scope => string.Join(' ', Scopes);

    public bool AsksForIdToken => Scopes.Contains(OidcConstants.OpenIdScope, StringComparer.Ordinal);
}
