namespace XaiGrok.Onboarding.Oidc;

/// <summary>
/// RFC 9207: the issuer an authorization response must come from (<paramref name="Identifier"/>, compared as a plain
/// string) and whether the server promised to name it (<paramref name="Promised"/>), so that its absence is refused too.
/// </summary>
internal sealed record ExpectedIssuer(string Identifier, bool Promised);
