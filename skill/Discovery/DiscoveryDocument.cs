namespace XaiGrok.Onboarding.Discovery;

/// <summary>The endpoints an issuer's OpenID Connect discovery document names, already validated.</summary>
internal sealed record DiscoveryDocument(
    Uri Issuer,
    Uri TokenEndpoint,
    Uri? DeviceAuthorizationEndpoint,
    Uri? AuthorizationEndpoint,
    Uri? RevocationEndpoint,
    Uri? JwksUri)
{
    /// <summary>The <c>issuer</c> exactly as the document spells it: RFC 9207's <c>iss</c> is compared with this string.</summary>
    public string IssuerIdentifier { get; init; } = Issuer.AbsoluteUri;

    /// <summary>RFC 9207: the server promises <c>iss</c> in every authorization response, so one without it is refused.</summary>
    public bool IssParameterSupported { get; init; }
}
