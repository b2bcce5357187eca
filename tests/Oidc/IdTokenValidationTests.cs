using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using XaiGrok.Onboarding.Errors;
using XaiGrok.Onboarding.Oidc;
using Xunit;

namespace XaiGrok.Onboarding.Tests.Oidc;

/// <summary>Every id_token check, against a fake identity provider that shapes the token; the browser is real loopback HTTP.</summary>
public sealed class IdTokenValidationTests
{
    private const string Code = "fake-authorization-code-0123456789";
    private static readonly DateTimeOffset Start = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<(Outcome<OidcLoginResult> Outcome, FakeIdentityProvider Idp)> LoginAsync(Action<FakeIdentityProvider> shape, Action<FakeTimeProvider>? beforeExchange = null)
    {
        var clock = new FakeTimeProvider(Start);
        var idp = new FakeIdentityProvider(clock);
        shape(idp);
        using var harness = new OidcHarness(clock, idp);
        using var browser = Loopback.NewBrowser();
        var outcome = await harness.NewService().LoginAsync(new OidcLoginRequest(new Uri(FakeIdentityProvider.Issuer), FakeIdentityProvider.ClientId), async url =>
        {
            idp.Nonce = Loopback.Query(url, "nonce");
            var redirect = new Uri(Loopback.Query(url, "redirect_uri") + $"?code={Code}&state={Uri.EscapeDataString(Loopback.Query(url, "state"))}");
            await Loopback.GetStatusAsync(browser, redirect, Ct);
            beforeExchange?.Invoke(clock);
        }, Ct);
        return (outcome, idp);
    }

    private static void AssertRejected(Outcome<OidcLoginResult> outcome, FakeIdentityProvider idp, string because)
    {
        Assert.False(outcome.IsSuccess);
        Assert.Equal(ErrorCodes.InvalidResponse, outcome.Failure.Code);
        Assert.Contains(because, outcome.Failure.Detail, StringComparison.Ordinal);
        AssertNoSecret(outcome.Failure, idp);
    }

    private static void AssertNoSecret(Failure failure, FakeIdentityProvider idp)
    {
        var text = failure.Detail + failure.Hint;
        foreach (var secret in idp.SentValues.Where(v => v.Length >= 16).Concat(idp.Issued))
        {
            Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Login_RightIdToken_IsAccepted()
    {
        var (outcome, idp) = await LoginAsync(_ => { });

        Assert.True(outcome.IsSuccess, outcome.Failure?.Detail);
        Assert.Equal(("00u-alice", "alice@acme.test"), (outcome.Value.Subject, outcome.Value.Email));
        Assert.Contains(Code, idp.SentValues);
        Assert.Contains("authorization_code", idp.SentValues);
        Assert.Contains(idp.SentValues, value => Pkce.IsValidVerifier(value) && value.Length == 43 && value != idp.Nonce);
    }

    [Fact]
    public async Task Login_WrongNonce_IsRejected()
    {
        var (outcome, idp) = await LoginAsync(idp => idp.ShapeClaims = claims => claims["nonce"] = "nonce-of-another-sign-in");

        AssertRejected(outcome, idp, "nonce");
    }

    [Fact]
    public async Task Login_NoNonce_IsRejected()
    {
        var (outcome, idp) = await LoginAsync(idp => idp.ShapeClaims = claims => claims.Remove("nonce"));

        AssertRejected(outcome, idp, "nonce");
    }

    [Fact]
    public async Task Login_ClockFarAheadOfTheToken_IsRejectedAsExpired()
    {
        // The identity provider stamps the token at its own time (Start); this machine's clock runs a day ahead.
        var (outcome, idp) = await LoginAsync(
            idp => idp.ShapeClaims = claims => (claims["iat"], claims["exp"]) = (Start.ToUnixTimeSeconds(), Start.ToUnixTimeSeconds() + 3600),
            beforeExchange: clock => clock.Advance(TimeSpan.FromDays(1)));

        Assert.False(outcome.IsSuccess);
        Assert.Contains("expired", outcome.Failure.Detail, StringComparison.Ordinal);
        AssertNoSecret(outcome.Failure, idp);
    }

    [Fact]
    public async Task Login_ExpiredIdToken_IsRejected()
    {
        var (outcome, idp) = await LoginAsync(idp => idp.ShapeClaims = claims => claims["exp"] = Start.ToUnixTimeSeconds() - 600);

        AssertRejected(outcome, idp, "expired");
    }

    [Fact]
    public async Task Login_IdTokenWithoutExp_IsRejected()
    {
        var (outcome, idp) = await LoginAsync(idp => idp.ShapeClaims = claims => claims.Remove("exp"));

        Assert.Equal(ErrorCodes.InvalidResponse, outcome.Failure!.Code);
        AssertNoSecret(outcome.Failure, idp);
    }

    [Fact]
    public async Task Login_IdTokenWithinClockSkew_IsAccepted()
    {
        var (outcome, _) = await LoginAsync(idp => idp.ShapeClaims = claims => claims["exp"] = Start.ToUnixTimeSeconds() - 30);

        Assert.True(outcome.IsSuccess, outcome.Failure?.Detail);
    }

    [Fact]
    public async Task Login_WrongAudience_IsRejected()
    {
        var (outcome, idp) = await LoginAsync(idp => idp.ShapeClaims = claims => claims["aud"] = "another-client");

        AssertRejected(outcome, idp, "aud");
    }

    [Fact]
    public async Task Login_AudienceListWithTheClient_ButAzpOfAnother_IsRejected()
    {
        var (outcome, idp) = await LoginAsync(idp => idp.ShapeClaims = claims =>
        {
            claims["aud"] = new JsonArray(FakeIdentityProvider.ClientId, "another-client");
            claims["azp"] = "another-client";
        });

        AssertRejected(outcome, idp, "azp");
    }

    [Fact]
    public async Task Login_WrongIssuer_IsRejected()
    {
        var (outcome, idp) = await LoginAsync(idp => idp.ShapeClaims = claims => claims["iss"] = "https://evil.acme.test");

        AssertRejected(outcome, idp, "iss");
    }

    [Fact]
    public async Task Login_TamperedPayload_FailsTheSignature()
    {
        var (outcome, idp) = await LoginAsync(idp => idp.Rewrite = FakeIdentityProvider.Tamper);

        AssertRejected(outcome, idp, "signature");
    }

    [Fact]
    public async Task Login_UnsignedAlgNone_IsRejected()
    {
        var (outcome, idp) = await LoginAsync(idp => idp.Rewrite = FakeIdentityProvider.Unsigned);

        Assert.Equal(ErrorCodes.InvalidResponse, outcome.Failure!.Code);
        Assert.StartsWith("the id_token was rejected", outcome.Failure.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Login_NoSubject_IsRejected()
    {
        var (outcome, idp) = await LoginAsync(idp => idp.ShapeClaims = claims => claims.Remove("sub"));

        AssertRejected(outcome, idp, "sub");
    }

    [Fact]
    public async Task Login_OpenIdScopeButNoIdToken_IsRejected()
    {
        var (outcome, idp) = await LoginAsync(idp => idp.OmitIdToken = true);

        AssertRejected(outcome, idp, "no id_token");
    }

    [Fact]
    public async Task Login_CodeRefusedAtTheTokenEndpoint_IsAnOAuthErrorWithoutSecrets()
    {
        var (outcome, idp) = await LoginAsync(idp => idp.TokenError = "invalid_grant");

        Assert.Equal(ErrorCodes.OAuthError, outcome.Failure!.Code);
        Assert.Equal("invalid_grant", outcome.Failure.ServerError);
        AssertNoSecret(outcome.Failure, idp);
    }
}
