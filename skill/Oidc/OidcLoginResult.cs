using XaiGrok.Onboarding.Tokens;

namespace XaiGrok.Onboarding.Oidc;

/// <summary>
/// A finished customer-SSO sign-in: the tokens, for the caller to store as source <c>oidc</c>, and who signed in,
/// read from the validated id_token (null when the <c>openid</c> scope was not asked for).
/// </summary>
internal sealed record OidcLoginResult(TokenResponse Tokens, string? Subject, string? Email)
{
    public override string ToString() => $"OidcLoginResult(subject={Subject ?? "none"}, tokens={Tokens})";
}
