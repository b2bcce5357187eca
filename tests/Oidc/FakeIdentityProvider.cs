using System.Buffers.Text;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace XaiGrok.Onboarding.Tests.Oidc;

/// <summary>
/// A narrow stand-in for an identity provider's discovery, key set and token endpoint, so a test can hand the client
/// an id_token it shaped (wrong nonce, audience, issuer, signature, lifetime). No request leaves the process.
/// </summary>
internal sealed class FakeIdentityProvider(TimeProvider clock) : HttpMessageHandler
{
    public const string Issuer = "https://idp.acme.test";
    public const string ClientId = "acme-cli-client";

    private readonly RSA key = RSA.Create(2048);

    public string KeyId { get; } = "key-1";

    /// <summary>The nonce of the authorization request, read by the test's browser.</summary>
    public string? Nonce { get; set; }

    /// <summary>Shapes the id_token's claims before signing; null leaves them right.</summary>
    public Action<JsonObject>? ShapeClaims { get; set; }

    /// <summary>Rewrites the signed id_token (tampering); null sends it as signed.</summary>
    public Func<string, string>? Rewrite { get; set; }

    public bool OmitIdToken { get; set; }

    public string? TokenError { get; set; }

    /// <summary>Every value the client sent to the token endpoint (code, verifier), to prove none is echoed.</summary>
    public List<string> SentValues { get; } = [];

    public List<string> Issued { get; } = [];

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var path = request.RequestUri!.AbsolutePath;
        if (request.RequestUri.GetLeftPart(UriPartial.Authority) != Issuer)
        {
            return new HttpResponseMessage(HttpStatusCode.BadGateway);
        }

        return path switch
        {
            "/.well-known/openid-configuration" => Json(new JsonObject
            {
                ["issuer"] = Issuer,
                ["authorization_endpoint"] = Issuer + "/authorize",
                ["token_endpoint"] = Issuer + "/token",
                ["jwks_uri"] = Issuer + "/keys",
            }),
            "/keys" => Json(Jwks()),
            "/token" => await TokenAsync(request, cancellationToken),
            _ => new HttpResponseMessage(HttpStatusCode.NotFound),
        };
    }

    private async Task<HttpResponseMessage> TokenAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var form = await request.Content!.ReadAsStringAsync(cancellationToken);
        SentValues.AddRange(form.Split('&').Select(pair => Uri.UnescapeDataString(pair.Split('=')[1])));
        if (TokenError is { } error)
        {
            return Json(new JsonObject { ["error"] = error, ["error_description"] = "the code was already used" }, HttpStatusCode.BadRequest);
        }

        var answer = new JsonObject { ["access_token"] = "fake-access-token-0123456789", ["token_type"] = "Bearer", ["expires_in"] = 3600, ["refresh_token"] = "fake-refresh-token-0123456789" };
        if (!OmitIdToken)
        {
            var idToken = IdToken();
            Issued.Add(idToken);
            answer["id_token"] = idToken;
        }

        return Json(answer);
    }

    public string IdToken()
    {
        var now = clock.GetUtcNow().ToUnixTimeSeconds();
        var claims = new JsonObject
        {
            ["iss"] = Issuer,
            ["sub"] = "00u-alice",
            ["aud"] = ClientId,
            ["iat"] = now,
            ["exp"] = now + 3600,
            ["email"] = "alice@acme.test",
            ["nonce"] = Nonce,
        };
        ShapeClaims?.Invoke(claims);
        var handler = new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false };
        var signed = handler.CreateToken(claims.ToJsonString(), new SigningCredentials(new RsaSecurityKey(key) { KeyId = KeyId }, SecurityAlgorithms.RsaSha256));
        return Rewrite?.Invoke(signed) ?? signed;
    }

    /// <summary>The same header and signature over other claims: a token whose payload was changed in transit.</summary>
    public static string Tamper(string token)
    {
        var parts = token.Split('.');
        var claims = JsonNode.Parse(Base64Url.DecodeFromChars(parts[1]))!.AsObject();
        claims["sub"] = "00u-mallory";
        return parts[0] + "." + Base64Url.EncodeToString(Encoding.UTF8.GetBytes(claims.ToJsonString())) + "." + parts[2];
    }

    /// <summary>The same claims with <c>alg: none</c> and no signature.</summary>
    public static string Unsigned(string token)
    {
        var parts = token.Split('.');
        return Base64Url.EncodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}"u8) + "." + parts[1] + ".";
    }

    private JsonObject Jwks()
    {
        var parameters = key.ExportParameters(includePrivateParameters: false);
        return new JsonObject
        {
            ["keys"] = new JsonArray(new JsonObject
            {
                ["kty"] = "RSA",
                ["use"] = "sig",
                ["alg"] = "RS256",
                ["kid"] = KeyId,
                ["n"] = Base64Url.EncodeToString(parameters.Modulus),
                ["e"] = Base64Url.EncodeToString(parameters.Exponent),
            }),
        };
    }

    private static HttpResponseMessage Json(JsonObject body, HttpStatusCode status = HttpStatusCode.OK) =>
        new(status) { Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json") };

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            key.Dispose();
        }

        base.Dispose(disposing);
    }
}
