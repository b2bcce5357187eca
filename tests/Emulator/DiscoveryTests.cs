using System.Net;
using XaiGrok.Emulator;
using Xunit;

namespace XaiGrok.Onboarding.Tests.Emulator;

public sealed class DiscoveryTests
{
    [Fact]
    public async Task Discovery_AdvertisesEveryEndpointOnItsOwnOrigin()
    {
        await using var emulator = await XaiEmulator.StartAsync(ct: TestContext.Current.CancellationToken);
        using var http = new EmulatorHttp(emulator);

        var (status, body) = await http.GetJsonAsync("/.well-known/openid-configuration");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(emulator.Issuer, EmulatorHttp.Text(body, "issuer"));
        Assert.Matches(@"^http://127\.0\.0\.1:\d+$", emulator.Issuer);
        Assert.Equal(emulator.Issuer + "/v1", emulator.ApiBaseUrl);
        Assert.Equal(emulator.Issuer + "/oauth2/authorize", EmulatorHttp.Text(body, "authorization_endpoint"));
        Assert.Equal(emulator.Issuer + "/oauth2/device/code", EmulatorHttp.Text(body, "device_authorization_endpoint"));
        Assert.Equal(emulator.Issuer + "/oauth2/token", EmulatorHttp.Text(body, "token_endpoint"));
        Assert.Equal(emulator.Issuer + "/.well-known/jwks.json", EmulatorHttp.Text(body, "jwks_uri"));
        Assert.Equal(emulator.Issuer + "/oauth2/revoke", EmulatorHttp.Text(body, "revocation_endpoint"));
        Assert.Equal(["S256"], body["code_challenge_methods_supported"]!.AsArray().Select(v => v!.GetValue<string>()));
        Assert.Equal(["RS256"], body["id_token_signing_alg_values_supported"]!.AsArray().Select(v => v!.GetValue<string>()));
        Assert.Contains("urn:ietf:params:oauth:grant-type:device_code", body["grant_types_supported"]!.AsArray().Select(v => v!.GetValue<string>()));
        Assert.Contains("offline_access", body["scopes_supported"]!.AsArray().Select(v => v!.GetValue<string>()));
        Assert.NotNull(body["response_types_supported"]);
    }

    [Fact]
    public async Task Jwks_PublishesOneRsaSigningKey()
    {
        await using var emulator = await XaiEmulator.StartAsync(ct: TestContext.Current.CancellationToken);
        using var http = new EmulatorHttp(emulator);

        var (_, body) = await http.GetJsonAsync("/.well-known/jwks.json");

        var key = Assert.Single(body["keys"]!.AsArray())!.AsObject();
        Assert.Equal("RSA", EmulatorHttp.Text(key, "kty"));
        Assert.Equal("sig", EmulatorHttp.Text(key, "use"));
        Assert.Equal("RS256", EmulatorHttp.Text(key, "alg"));
        Assert.Equal("AQAB", EmulatorHttp.Text(key, "e"));
        Assert.Matches("^[A-Za-z0-9_-]{342}$", EmulatorHttp.Text(key, "n"));
        Assert.False(string.IsNullOrEmpty(EmulatorHttp.Text(key, "kid")));
    }
}
