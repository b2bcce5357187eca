namespace XaiGrok.Onboarding.Discovery;

/// <summary>The endpoints an issuer's OpenID Connect discovery document names, already validated.</summary>
internal sealed record DiscoveryDocument(
    Uri Issuer,
    Uri TokenEndpoint,
    Uri? DeviceAuthorizationEndpoint,
    Uri? AuthorizationEndpoint,
    Uri? RevocationEndpoint,
    Uri? JwksUri);
