using System.Net;
using Microsoft.Extensions.Time.Testing;
using XaiGrok.Onboarding.Errors;
using XaiGrok.Onboarding.Oidc;
using Xunit;

namespace XaiGrok.Onboarding.Tests.Oidc;

/// <summary>RFC 9207: an authorization response must name the issuer it was asked of (the mix-up attack defence).</summary>
public sealed class IssuerParameterTests
{
    private const string State = "expected-state-0123456789";
    private const string Code = "authorization-code-0123456789";
    private const string Issuer = "https://idp.example.com";
    private static readonly TimeSpan Wait = TimeSpan.FromMinutes(5);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(true, "&iss=https%3A%2F%2Fidp.example.com")]
    [InlineData(false, "&iss=https%3A%2F%2Fidp.example.com")]
    [InlineData(false, "")]
    public async Task MatchingOrUnpromisedIssuer_GivesTheCode(bool promised, string iss)
    {
        var (status, outcome) = await RedirectAsync(new ExpectedIssuer(Issuer, promised), $"code={Code}&state={State}{iss}");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(Code, outcome.Value);
    }

    [Theory]
    [InlineData(true, "&iss=https%3A%2F%2Fattacker.example")]
    [InlineData(false, "&iss=https%3A%2F%2Fattacker.example")]
    [InlineData(false, "&iss=https%3A%2F%2Fidp.example.com%2F")]
    [InlineData(true, "")]
    public async Task WrongOrMissingPromisedIssuer_RefusesTheCode(bool promised, string iss)
    {
        var (status, outcome) = await RedirectAsync(new ExpectedIssuer(Issuer, promised), $"code={Code}&state={State}{iss}");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.False(outcome.IsSuccess);
        Assert.Equal(ErrorCodes.OAuthError, outcome.Failure.Code);
        Assert.Contains("RFC 9207", outcome.Failure.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ErrorResponseFromAnotherIssuer_IsReportedAsTheMixUp_NotAsTheError()
    {
        var (_, outcome) = await RedirectAsync(new ExpectedIssuer(Issuer, Promised: true), $"error=access_denied&state={State}&iss=https%3A%2F%2Fattacker.example");

        Assert.Contains("different issuer", outcome.Failure!.Detail, StringComparison.Ordinal);
        Assert.Null(outcome.Failure.ServerError);
    }

    private static async Task<(HttpStatusCode Status, Outcome<string> Outcome)> RedirectAsync(ExpectedIssuer issuer, string query)
    {
        await using var listener = LoopbackRedirectListener.Start(State, new FakeTimeProvider(), issuer);
        using var browser = Loopback.NewBrowser();
        var status = await Loopback.GetStatusAsync(browser, new Uri(listener.RedirectUri + "?" + query), Ct);
        return (status, await listener.WaitForCodeAsync(Wait, Ct));
    }
}
