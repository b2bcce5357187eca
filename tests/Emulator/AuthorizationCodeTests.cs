using System.Buffers.Text;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using XaiGrok.Emulator;
using Xunit;

namespace XaiGrok.Onboarding.Tests.Emulator;

public sealed class AuthorizationCodeTests
{
    private const string RedirectUri = "http://127.0.0.1:49152/callback";
    private static readonly string Verifier = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AutoApproveOverHttp_RedirectsWithACode_NamingTheIssuerUnlessTold(bool omitIss)
    {
        await using var emulator = await XaiEmulator.StartAsync(new EmulatorOptions { OmitAuthorizationResponseIss = omitIss }, Ct);
        using var http = NoRedirectClient(emulator);
        using var control = new EmulatorHttp(emulator);

        using var approve = await control.Client.PostAsync(
            new Uri("/_emulator/auto-approve", UriKind.Relative), new StringContent("{\"tier\":4}", Encoding.UTF8, "application/json"), Ct);
        var callback = await AuthorizeAsync(http, Challenge(Verifier), "S256");

        Assert.Equal(HttpStatusCode.NoContent, approve.StatusCode);
        Assert.False(string.IsNullOrEmpty(callback["code"].ToString()));
        Assert.Equal(omitIss ? "" : emulator.Issuer, callback.TryGetValue("iss", out var iss) ? iss.ToString() : "");
    }

    [Fact]
    public async Task AuthorizationCode_WithPkceS256_IssuesTokensCarryingTheNonce()
    {
        await using var emulator = await XaiEmulator.StartAsync(ct: Ct);
        using var http = NoRedirectClient(emulator);
        emulator.Control.AutoApproveAuthorization(tier: 5);

        var callback = await AuthorizeAsync(http, Challenge(Verifier), "S256");
        var code = callback["code"].ToString();
        var (status, token) = await RedeemAsync(emulator, code, Verifier);
        var (_, reuse) = await RedeemAsync(emulator, code, Verifier);

        Assert.Equal("xyz", callback["state"].ToString());
        Assert.Equal(HttpStatusCode.OK, status);
        using var verify = new EmulatorHttp(emulator);
        var access = await JwtTestVerifier.VerifyAsync(verify.Client, EmulatorHttp.Text(token, "access_token"));
        var id = await JwtTestVerifier.VerifyAsync(verify.Client, EmulatorHttp.Text(token, "id_token"));
        Assert.Equal(5, access["tier"]!.GetValue<int>());
        Assert.Equal("n-0S6_WzA2Mj", EmulatorHttp.Text(id, "nonce"));
        Assert.Equal("invalid_grant", EmulatorHttp.Text(reuse, "error"));
    }

    [Fact]
    public async Task AuthorizationCode_WrongVerifier_AnswersInvalidGrant()
    {
        await using var emulator = await XaiEmulator.StartAsync(ct: Ct);
        using var http = NoRedirectClient(emulator);
        emulator.Control.AutoApproveAuthorization(tier: 1);

        var callback = await AuthorizeAsync(http, Challenge(Verifier), "S256");
        var (_, body) = await RedeemAsync(emulator, callback["code"].ToString(), Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32)));

        Assert.Equal("invalid_grant", EmulatorHttp.Text(body, "error"));
    }

    [Fact]
    public async Task Authorize_PlainMethod_IsRefusedByRedirect()
    {
        await using var emulator = await XaiEmulator.StartAsync(ct: Ct);
        using var http = NoRedirectClient(emulator);
        emulator.Control.AutoApproveAuthorization(tier: 1);

        var callback = await AuthorizeAsync(http, Verifier, "plain");

        Assert.Equal("invalid_request", callback["error"].ToString());
        Assert.False(callback.ContainsKey("code"));
    }

    [Fact]
    public async Task Authorize_NonLoopbackRedirect_IsNotFollowed()
    {
        await using var emulator = await XaiEmulator.StartAsync(ct: Ct);
        using var http = NoRedirectClient(emulator);
        emulator.Control.AutoApproveAuthorization(tier: 1);

        using var response = await http.GetAsync(new Uri("/oauth2/authorize?response_type=code&client_id=c&redirect_uri=https%3A%2F%2Fevil.example%2Fcb", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    private static HttpClient NoRedirectClient(XaiEmulator emulator) =>
        new(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = emulator.BaseUrl };

    private static string Challenge(string verifier) =>
        Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));

    private static async Task<Dictionary<string, Microsoft.Extensions.Primitives.StringValues>> AuthorizeAsync(HttpClient http, string challenge, string method)
    {
        var url = QueryHelpers.AddQueryString("/oauth2/authorize", new Dictionary<string, string?>
        {
            ["response_type"] = "code",
            ["client_id"] = EmulatorHttp.ClientId,
            ["redirect_uri"] = RedirectUri,
            ["scope"] = "openid email offline_access",
            ["state"] = "xyz",
            ["nonce"] = "n-0S6_WzA2Mj",
            ["code_challenge"] = challenge,
            ["code_challenge_method"] = method,
        });
        using var response = await http.GetAsync(new Uri(url, UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!;
        Assert.StartsWith(RedirectUri + "?", location.ToString(), StringComparison.Ordinal);
        return QueryHelpers.ParseQuery(location.Query);
    }

    private static async Task<(HttpStatusCode Status, System.Text.Json.Nodes.JsonObject Body)> RedeemAsync(XaiEmulator emulator, string code, string verifier)
    {
        using var http = new EmulatorHttp(emulator);
        return await http.PostFormAsync(
            "/oauth2/token",
            ("grant_type", "authorization_code"),
            ("code", code),
            ("redirect_uri", RedirectUri),
            ("client_id", EmulatorHttp.ClientId),
            ("code_verifier", verifier));
    }
}
