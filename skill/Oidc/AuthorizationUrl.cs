using XaiGrok.Onboarding.Protocol;
using Names = XaiGrok.Onboarding.Protocol.OAuthConstants.Parameters;

namespace XaiGrok.Onboarding.Oidc;

/// <summary>The authorization request of RFC 6749 §4.1.1 with PKCE (RFC 7636 §4.3) and the OpenID Connect nonce.</summary>
internal static class AuthorizationUrl
{
    public static Uri Build(Uri authorizationEndpoint, OidcLoginRequest request, Uri redirectUri, string state, string nonce, string codeChallenge)
    {
        var parameters = new List<KeyValuePair<string, string>>
        {
            new(Names.ResponseType, OAuthConstants.ResponseTypes.Code),
            new(Names.ClientId, request.ClientId),
            new(Names.RedirectUri, redirectUri.AbsoluteUri),
            new(Names.Scope, request.Scope),
            new(Names.State, state),
            new(Names.Nonce, nonce),
            new(Names.CodeChallenge, codeChallenge),
            new(Names.CodeChallengeMethod, OAuthConstants.CodeChallengeMethods.S256),
        };
        if (request.Audience is { } audience)
        {
            parameters.Add(new(Names.Audience, audience));
        }

        // §3.1: the endpoint may carry its own query, which must be kept.
        var builder = new UriBuilder(authorizationEndpoint);
        var existing = builder.Query.TrimStart('?');
        var added = string.Join('&', parameters.Select(p => Uri.EscapeDataString(p.Key) + "=" + Uri.EscapeDataString(p.Value)));
        builder.Query = existing.Length == 0 ? added : existing + "&" + added;
        return builder.Uri;
    }
}
