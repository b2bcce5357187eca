using System.Net;
using XaiGrok.Onboarding.Errors;
using XaiGrok.Onboarding.Http;
using XaiGrok.Onboarding.Tests.Support;
using XaiGrok.Onboarding.Tests.Fixtures;
using Xunit;

namespace XaiGrok.Onboarding.Tests.Http;

public sealed class ApiFailuresTests
{
    private const string Bearer = "xai-oauth-at-Q2xQ9vWmZ7pL4kR8sT3yU6bN1cD5fH0j";

    [Theory]
    [InlineData(401, "", "reauth_required")]
    [InlineData(403, """{"code":"unauthenticated:bad-credentials"}""", "reauth_required")]
    [InlineData(403, """{"error":"no active Grok subscription"}""", "forbidden")]
    [InlineData(429, "", "rate_limited")]
    [InlineData(500, "", "upstream_unavailable")]
    [InlineData(503, "", "upstream_unavailable")]
    [InlineData(400, """{"error":"bad"}""", "invalid_request")]
    [InlineData(404, "", "invalid_response")]
    public void From_EachKind_GivesItsErrorCode(int status, string body, string code) =>
        Assert.Equal(code, ApiFailures.From(Replies.Json(body, status), "the model list", Bearer).Code);

    [Fact]
    public void From_Forbidden_KeepsTheServersReasonAndGivesTheForbiddenHint()
    {
        var failure = ApiFailures.From(Replies.Json("""{"code":"permission-denied","error":"no active Grok subscription"}""", 403), "the model list", Bearer);

        Assert.Contains("no active Grok subscription", failure.Detail, StringComparison.Ordinal);
        Assert.Equal(Hints.Forbidden, failure.Hint);
    }

    [Theory]
    [InlineData(403)]
    [InlineData(400)]
    [InlineData(404)]
    public void From_MessageEchoingTheBearer_IsRedacted(int status)
    {
        var reply = Replies.Json($$"""{"error":"token {{Bearer}} is not allowed here"}""", status);

        var failure = ApiFailures.From(reply, "the model list", Bearer);

        SecretScan.AssertAbsent(failure.Detail + " " + failure.Hint, new Dictionary<string, string> { ["bearer token"] = Bearer });
        Assert.Contains("[redacted]", failure.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void From_MessageEchoingALongJwtBearer_LeavesNoPieceOfIt()
    {
        var jwt = UnsignedJwt.Create($$"""{"sub":"user-1","tier":4,"exp":1767225600,"pad":"{{new string('p', 600)}}"}""");
        var reply = Replies.Json($$"""{"error":"Invalid bearer token: {{jwt}}"}""", 400);

        var failure = ApiFailures.From(reply, "the model list", jwt);

        Assert.DoesNotContain(jwt[..40], failure.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(7.0, 7)]
    [InlineData(2.5, 3)]
    public void From_TooManyRequests_GivesRetryAfterSeconds(double seconds, int expected)
    {
        var failure = ApiFailures.From(Replies.Json("", HttpStatusCode.TooManyRequests, TimeSpan.FromSeconds(seconds)), "the model list", Bearer);

        Assert.Equal(ErrorCodes.RateLimited, failure.Code);
        Assert.Equal(expected, failure.RetryAfterSeconds);
        Assert.Contains(expected.ToString(System.Globalization.CultureInfo.InvariantCulture), failure.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void From_TooManyRequestsWithoutRetryAfter_WaitsThirtySeconds() =>
        Assert.Equal(30, ApiFailures.From(Replies.Json("", 429), "the model list", Bearer).RetryAfterSeconds);

    [Fact]
    public void From_OtherKinds_HaveNoRetryAfter() =>
        Assert.Null(ApiFailures.From(Replies.Json("", 503), "the model list", Bearer).RetryAfterSeconds);

    [Fact]
    public void From_Detail_NamesWhatWasAsked() =>
        Assert.StartsWith("the model list", ApiFailures.From(Replies.Json("", 401), "the model list", Bearer).Detail, StringComparison.Ordinal);
}
