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
/// With <see cref="Strict"/> it behaves as a strictly RFC-following OpenID Provider, built to the RFCs and not to the
/// emulator: the test's browser passes the authorization URL to <see cref="Authorize"/> (RFC 6749 §4.1.1, PKCE S256
/// required by RFC 7636, a loopback redirect per RFC 8252), the redirect names the issuer (RFC 9207, advertised), and
/// the token endpoint redeems a code once, only with the exact redirect_uri and the verifier of its challenge, and
/// rotates refresh tokens.
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

    /// <summary>Codes only from <see cref="Authorize"/>, checked strictly; RFC 9207's <c>iss</c> advertised and sent.</summary>
    public bool Strict { get; set; }

    /// <summary>Token requests by grant type, to prove which endpoint a refresh went to.</summary>
    public Dictionary<string, int> Grants { get; } = [];

    private readonly Dictionary<string, (string RedirectUri, string Challenge, string? Nonce)> codes = [];
    private readonly HashSet<string> refreshTokens = [];

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
                ["response_types_supported"] = new JsonArray("code"),
                ["grant_types_supported"] = new JsonArray("authorization_code", "refresh_token"),
                ["code_challenge_methods_supported"] = new JsonArray("S256"),
                ["authorization_response_iss_parameter_supported"] = Strict,
            }),
            "/keys" => Json(Jwks()),
            "/token" => await TokenAsync(request, cancellationToken),
            _ => new HttpResponseMessage(HttpStatusCode.NotFound),
        };
    }

    /// <summary>
    /// The authorization endpoint, as the person's browser meets it: the redirect to send the browser to, or null when
    /// the request must not be redirected (unknown client, a redirect_uri that is no loopback callback: §4.1.2.1).
    /// </summary>
    public Uri? Authorize(Uri url)
    {
        var query = url.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries).Select(pair => pair.Split('=', 2))
            .GroupBy(pair => Uri.UnescapeDataString(pair[0]))
            .ToDictionary(group => group.Key, group => group.Count() == 1 ? Uri.UnescapeDataString(group.Single().ElementAtOrDefault(1)?.Replace('+', ' ') ?? "") : null);
        string? Get(string name) => query.TryGetValue(name, out var value) && !string.IsNullOrEmpty(value) ? value : null;
        if (url.GetLeftPart(UriPartial.Path) != Issuer + "/authorize" || Get("client_id") != ClientId
            || Get("redirect_uri") is not { } redirect || !Uri.TryCreate(redirect, UriKind.Absolute, out var back)
            || back.Scheme != "http" || back.Host != "127.0.0.1" || back.AbsolutePath != "/callback" || back.Query.Length > 0)
        {
            return null;
        }

        string Answer(string parameters) =>
            redirect + "?" + parameters + (Get("state") is { } state ? "&state=" + Uri.EscapeDataString(state) : "") + (Strict ? "&iss=" + Uri.EscapeDataString(Issuer) : "");
        if (Get("response_type") != "code")
        {
            return new Uri(Answer("error=unsupported_response_type"));
        }

        if (Get("code_challenge_method") != "S256" || Get("code_challenge") is not { Length: 43 } challenge)
        {
            return new Uri(Answer("error=invalid_request&error_description=PKCE%20S256%20is%20required"));
        }

        var code = "strict-code-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        lock (codes)
        {
            codes[code] = (redirect, challenge, Get("nonce"));
        }

        Nonce = Get("nonce");
        return new Uri(Answer("code=" + code));
    }

    private async Task<HttpResponseMessage> TokenAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var form = await request.Content!.ReadAsStringAsync(cancellationToken);
        SentValues.AddRange(form.Split('&').Select(pair => Uri.UnescapeDataString(pair.Split('=')[1])));
        var fields = form.Split('&').Select(pair => pair.Split('=', 2)).ToDictionary(pair => Uri.UnescapeDataString(pair[0]), pair => Uri.UnescapeDataString(pair[1].Replace('+', ' ')));
        var grant = fields.GetValueOrDefault("grant_type") ?? "";
        lock (Grants)
        {
            Grants[grant] = Grants.GetValueOrDefault(grant) + 1;
        }

        if (TokenError is { } error)
        {
            return Json(new JsonObject { ["error"] = error, ["error_description"] = "the code was already used" }, HttpStatusCode.BadRequest);
        }

        if (Strict && Refused(grant, fields) is { } refusal)
        {
            return Json(new JsonObject { ["error"] = refusal }, HttpStatusCode.BadRequest);
        }

        var refreshToken = "fake-refresh-token-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(12));
        lock (refreshTokens)
        {
            refreshTokens.Add(refreshToken);
        }

        var answer = new JsonObject { ["access_token"] = "fake-access-token-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(12)), ["token_type"] = "Bearer", ["expires_in"] = 3600, ["refresh_token"] = refreshToken };
        if (grant == "refresh_token")
        {
            return Json(answer);
        }

        if (!OmitIdToken)
        {
            var idToken = IdToken();
            Issued.Add(idToken);
            answer["id_token"] = idToken;
        }

        return Json(answer);
    }

    /// <summary>RFC 6749 §4.1.3 and §6, RFC 7636 §4.6: the error a strict token endpoint answers, or null.</summary>
    private string? Refused(string grant, Dictionary<string, string> fields)
    {
        if (fields.GetValueOrDefault("client_id") != ClientId)
        {
            return "invalid_client";
        }

        if (grant == "refresh_token")
        {
            lock (refreshTokens)
            {
                // Rotation: a refresh token is good once.
                return refreshTokens.Remove(fields.GetValueOrDefault("refresh_token") ?? "") ? null : "invalid_grant";
            }
        }

        if (grant != "authorization_code")
        {
            return "unsupported_grant_type";
        }

        (string RedirectUri, string Challenge, string? Nonce) issued;
        lock (codes)
        {
            if (!codes.Remove(fields.GetValueOrDefault("code") ?? "", out issued))
            {
                return "invalid_grant";
            }
        }

        var verifier = fields.GetValueOrDefault("code_verifier") ?? "";
        var challenge = Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        return fields.GetValueOrDefault("redirect_uri") == issued.RedirectUri && challenge == issued.Challenge ? null : "invalid_grant";
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
