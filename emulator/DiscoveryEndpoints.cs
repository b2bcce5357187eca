using System.Text.Json.Nodes;

namespace XaiGrok.Emulator;

/// <summary>OpenID Provider metadata (OpenID Connect Discovery 1.0, RFC 8414) and the JWK set (RFC 7517).</summary>
internal static class DiscoveryEndpoints
{
    public static void Map(WebApplication app, EmulatorState state)
    {
        app.MapGet(EmulatorPaths.Discovery, () => Results.Json(Metadata(state)));
        app.MapGet(EmulatorPaths.Jwks, () => Results.Json(state.Signer.Jwks()));
    }

    private static JsonObject Metadata(EmulatorState state) => new()
    {
        ["issuer"] = state.Issuer,
        ["authorization_endpoint"] = state.Url(EmulatorPaths.Authorize),
        ["device_authorization_endpoint"] = state.Url(EmulatorPaths.DeviceAuthorization),
        ["token_endpoint"] = state.Url(EmulatorPaths.Token),
        ["jwks_uri"] = state.Url(EmulatorPaths.Jwks),
        ["revocation_endpoint"] = state.Url(EmulatorPaths.Revoke),
        ["response_types_supported"] = new JsonArray("code"),
        ["grant_types_supported"] = new JsonArray(GrantTypes.AuthorizationCode, GrantTypes.RefreshToken, GrantTypes.DeviceCode),
        ["code_challenge_methods_supported"] = new JsonArray("S256"),
        ["scopes_supported"] = new JsonArray([.. Scopes.Supported.Select(s => JsonValue.Create(s))]),
        ["subject_types_supported"] = new JsonArray("public"),
        ["id_token_signing_alg_values_supported"] = new JsonArray("RS256"),
        ["token_endpoint_auth_methods_supported"] = new JsonArray("none"),
        ["revocation_endpoint_auth_methods_supported"] = new JsonArray("none"),
        ["authorization_response_iss_parameter_supported"] = !state.Options.OmitAuthorizationResponseIss,
    };
}
