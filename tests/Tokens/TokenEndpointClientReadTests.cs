using System.Net;
using XaiGrok.Onboarding.Errors;
using XaiGrok.Onboarding.Http;
using XaiGrok.Onboarding.Tests.Support;
using XaiGrok.Onboarding.Tests.Fixtures;
using XaiGrok.Onboarding.Tokens;
using Xunit;

namespace XaiGrok.Onboarding.Tests.Tokens;

public sealed class TokenEndpointClientReadTests
{
    private const string SentDeviceCode = "GmRhmhcxhwAzkoEqiMEg_DnyEysNkuNhszIySk9eS0uL";
    private const string SentRefreshToken = "rt_sent_Zk3pQ9vW2xY7mN4bC8dF";
    private static readonly string[] Sent = [SentDeviceCode, SentRefreshToken];
    private static readonly string AccessToken = Documents.Field(Documents.TokenResponse, "access_token");
    private static readonly string RefreshToken = Documents.Field(Documents.TokenResponse, "refresh_token");
    private static readonly string IdToken = Documents.Field(Documents.TokenResponse, "id_token");

    private static HttpReply Edited(string field, string? rawJson) => Replies.Json(Documents.With(Documents.TokenResponse, field, rawJson));

    private static TokenResponse Issued(HttpReply reply)
    {
        var answer = TokenEndpointClient.Read(reply, Sent);
        Assert.Null(answer.Failure);
        Assert.Null(answer.Error);
        return Assert.IsType<TokenResponse>(answer.Tokens);
    }

    private static Failure Failed(HttpReply reply)
    {
        var answer = TokenEndpointClient.Read(reply, Sent);
        Assert.Null(answer.Tokens);
        Assert.Null(answer.Error);
        Assert.False(answer.MayHaveBeenConsumed);
        return Assert.IsType<Failure>(answer.Failure);
    }

    private static TokenAnswer Refused(HttpReply reply)
    {
        var answer = TokenEndpointClient.Read(reply, Sent);
        Assert.Null(answer.Tokens);
        Assert.Null(answer.Failure);
        Assert.NotNull(answer.Error);
        return answer;
    }

    [Fact]
    public void Read_GoodAnswer_GivesTheTokens()
    {
        var tokens = Issued(Replies.Document(Documents.TokenResponse));

        Assert.Equal(AccessToken, tokens.AccessToken);
        Assert.Equal(RefreshToken, tokens.RefreshToken);
        Assert.Equal(IdToken, tokens.IdToken);
        Assert.Equal(21600, tokens.ExpiresInSeconds);
        Assert.Equal("openid profile email offline_access api:access", tokens.Scope);
    }

    [Theory]
    [InlineData("\"Bearer\"")]
    [InlineData("\"bearer\"")]
    [InlineData("\"BEARER\"")]
    public void Read_TokenTypeBearerInAnyCase_IsAccepted(string raw) =>
        Assert.Equal(AccessToken, Issued(Edited("token_type", raw)).AccessToken);

    [Theory]
    [InlineData("token_type", null)]
    [InlineData("token_type", "null")]
    [InlineData("token_type", "\"mac\"")]
    [InlineData("token_type", "\"DPoP\"")]
    [InlineData("token_type", "\"Bearer \"")]
    [InlineData("token_type", "\"\"")]
    [InlineData("token_type", "1")]
    [InlineData("access_token", null)]
    [InlineData("access_token", "null")]
    [InlineData("access_token", "\"\"")]
    [InlineData("access_token", "42")]
    [InlineData("access_token", "\"has a space\"")]
    [InlineData("access_token", "\"line\\nbreak\"")]
    [InlineData("refresh_token", "42")]
    [InlineData("refresh_token", "true")]
    [InlineData("refresh_token", "[\"rt\"]")]
    [InlineData("refresh_token", "\"\"")]
    [InlineData("refresh_token", "\"has a space\"")]
    [InlineData("expires_in", "0")]
    [InlineData("expires_in", "-3600")]
    [InlineData("expires_in", "\"soon\"")]
    [InlineData("expires_in", "21600.5")]
    [InlineData("expires_in", "true")]
    [InlineData("expires_in", "99999999999999999999999")]
    public void Read_UnusableField_IsInvalidResponse(string field, string? rawJson)
    {
        var failure = Failed(Edited(field, rawJson));

        Assert.Equal(ErrorCodes.InvalidResponse, failure.Code);
        Assert.Contains(field, failure.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("null")]
    public void Read_RefreshTokenAbsentOrNull_IssuesWithoutOne(string? raw) =>
        Assert.Null(Issued(Edited("refresh_token", raw)).RefreshToken);

    [Theory]
    [InlineData(null, null)]
    [InlineData("null", null)]
    [InlineData("\"3600\"", 3600L)]
    [InlineData("900", 900L)]
    public void Read_ExpiresIn_IsOptionalAndMayBeDigitsInAString(string? raw, long? expected) =>
        Assert.Equal(expected, Issued(Edited("expires_in", raw)).ExpiresInSeconds);

    [Theory]
    [InlineData("42")]
    [InlineData("\"not a token\"")]
    [InlineData("\"\"")]
    public void Read_UnusableIdToken_IsDroppedNotFatal(string raw) =>
        Assert.Null(Issued(Edited("id_token", raw)).IdToken);

    [Theory]
    [InlineData("\"authorization_pending\"")]
    [InlineData("\"\"")]
    [InlineData("{\"code\":\"x\"}")]
    public void Read_SuccessStatusWithErrorField_IsInvalidResponse(string rawError) =>
        Assert.Equal(ErrorCodes.InvalidResponse, Failed(Edited("error", rawError)).Code);

    [Theory]
    [InlineData(400, "authorization_pending")]
    [InlineData(400, "slow_down")]
    [InlineData(400, "access_denied")]
    [InlineData(400, "expired_token")]
    [InlineData(400, "invalid_grant")]
    [InlineData(401, "invalid_client")]
    [InlineData(400, "unsupported_grant_type")]
    public void Read_OAuthError_IsRefusedWithThatCode(int status, string error)
    {
        var answer = Refused(Replies.Json($$"""{"error":"{{error}}","error_description":"as told"}""", status));

        Assert.Equal(error, answer.Error);
        Assert.Equal("as told", answer.ErrorDescription);
    }

    [Fact]
    public void Read_PendingDocument_IsRefusedAsPending()
    {
        var answer = Refused(Replies.Document(Documents.TokenErrorPending, HttpStatusCode.BadRequest));

        Assert.Equal("authorization_pending", answer.Error);
        Assert.Equal("The authorization request is still pending.", answer.ErrorDescription);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"error\":null}")]
    [InlineData("{\"error\":42}")]
    [InlineData("{\"error\":\"\"}")]
    [InlineData("{\"error\":\"has\\\"quote\"}")]
    [InlineData("{\"error\":\"back\\\\slash\"}")]
    [InlineData("{\"error\":\"new\\nline\"}")]
    [InlineData("{\"error\":\"caf\u00e9\"}")]
    [InlineData("{\"error\":\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"}")]
    public void Read_ErrorStatusWithoutAValidOAuthErrorCode_IsInvalidResponse(string body) =>
        Assert.Equal(ErrorCodes.InvalidResponse, Failed(Replies.Json(body, 400)).Code);

    [Fact]
    public void Read_ErrorDescriptionAbsent_IsNull() =>
        Assert.Null(Refused(Replies.Json("""{"error":"slow_down"}""", 400)).ErrorDescription);

    [Fact]
    public void Read_ErrorDescriptionEchoingSentSecrets_IsRedacted()
    {
        var body = $$"""{"error":"invalid_grant","error_description":"refresh_token {{SentRefreshToken}} for device_code {{SentDeviceCode}} is spent"}""";

        var answer = Refused(Replies.Json(body, 400));

        Assert.Equal("refresh_token [redacted] for device_code [redacted] is spent", answer.ErrorDescription);
    }

    [Fact]
    public void Read_ErrorDescriptionWithControlCharacters_HasThemStripped()
    {
        var answer = Refused(Replies.Json("{\"error\":\"invalid_grant\",\"error_description\":\"bad\\u001b[2J\\r\\ngrant\\u0000\"}", 400));

        Assert.Equal("bad[2Jgrant", answer.ErrorDescription);
    }

    [Fact]
    public void Read_ErrorDescriptionWithBidiOverrides_HasThemStripped()
    {
        var answer = Refused(Replies.Json("{\"error\":\"invalid_grant\",\"error_description\":\"open \\u202Etxt.exe\\u202C now\"}", 400));

        Assert.Equal("open txt.exe now", answer.ErrorDescription);
    }

    [Fact]
    public void Read_ErrorDescriptionWithOnlyControlCharacters_IsNull() =>
        Assert.Null(Refused(Replies.Json("{\"error\":\"invalid_grant\",\"error_description\":\"\\u0001\\u0002\\u0003\"}", 400)).ErrorDescription);

    [Fact]
    public void Read_LongErrorDescription_IsCutTo300Characters() =>
        Assert.Equal(300, Refused(Replies.Json($$"""{"error":"invalid_grant","error_description":"{{new string('x', 5000)}}"}""", 400)).ErrorDescription!.Length);

    [Fact]
    public void Read_ErrorDescriptionEchoingASecretSplitByControlCharacters_DoesNotReassembleIt()
    {
        var split = SentRefreshToken[..10] + "\\u0007" + SentRefreshToken[10..];
        var body = $$"""{"error":"invalid_grant","error_description":"token {{split}} is spent"}""";

        var answer = Refused(Replies.Json(body, 400));

        SecretScan.AssertAbsent(answer.ErrorDescription ?? "", new Dictionary<string, string> { ["sent refresh token"] = SentRefreshToken });
    }

    [Theory]
    [InlineData("device code")]
    [InlineData("refresh token")]
    public void Read_ErrorCodeEchoingASentSecret_DoesNotKeepIt(string which)
    {
        var secret = which == "device code" ? SentDeviceCode : SentRefreshToken;
        var answer = TokenEndpointClient.Read(Replies.Json($$"""{"error":"{{secret}}"}""", 400), Sent);

        var everything = $"{answer} {answer.Error} {answer.ErrorDescription} {answer.Failure?.Detail} {answer.Failure?.Hint} {answer.Failure?.ServerError}";
        SecretScan.AssertAbsent(everything, new Dictionary<string, string> { ["sent secret"] = secret });
    }

    [Theory]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(503)]
    [InlineData(504)]
    public void Read_ServerError_IsUpstreamUnavailable(int status) =>
        Assert.Equal(ErrorCodes.UpstreamUnavailable, Failed(Replies.Json("""{"error":"server_error"}""", status)).Code);

    [Theory]
    [InlineData(7.0, 7)]
    [InlineData(7.1, 8)]
    [InlineData(120.0, 120)]
    public void Read_TooManyRequests_IsRateLimitedWithRetrySeconds(double seconds, int expected)
    {
        var failure = Failed(Replies.Json("""{"error":"slow_down"}""", HttpStatusCode.TooManyRequests, TimeSpan.FromSeconds(seconds)));

        Assert.Equal(ErrorCodes.RateLimited, failure.Code);
        Assert.Equal(expected, failure.RetryAfterSeconds);
    }

    [Fact]
    public void Read_TooManyRequestsWithoutRetryAfter_WaitsThirtySeconds() =>
        Assert.Equal(30, Failed(Replies.Text("slow down", 429)).RetryAfterSeconds);

    [Theory]
    [InlineData(200, "")]
    [InlineData(200, "<html>ok</html>")]
    [InlineData(200, "null")]
    [InlineData(200, "[]")]
    [InlineData(200, "\"token\"")]
    [InlineData(400, "<html>Bad Request</html>")]
    [InlineData(401, "")]
    public void Read_BodyThatIsNotAJsonObject_IsInvalidResponse(int status, string body) =>
        Assert.Equal(ErrorCodes.InvalidResponse, Failed(Replies.Json(body, status)).Code);

    [Fact]
    public void Read_BodyTooLarge_IsInvalidResponse()
    {
        var failure = Failed(Replies.TooLarge(Documents.Text(Documents.TokenResponse)));

        Assert.Equal(ErrorCodes.InvalidResponse, failure.Code);
        Assert.Contains("size", failure.Detail, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void ToString_OfTokensAndAnswer_NeverShowsATokenValue()
    {
        var answer = TokenEndpointClient.Read(Replies.Document(Documents.TokenResponse), Sent);
        var secrets = new Dictionary<string, string> { ["access token"] = AccessToken, ["refresh token"] = RefreshToken, ["id token"] = IdToken };

        SecretScan.AssertAbsent(answer.Tokens!.ToString(), secrets);
        SecretScan.AssertAbsent(answer.ToString(), secrets);
        Assert.Equal("issued", answer.ToString());
    }

    [Fact]
    public void ToString_OfRefusedAndFailedAnswers_ShowsOnlyTheCode()
    {
        Assert.Equal("invalid_grant", TokenAnswer.Refused("invalid_grant", "secret-looking description").ToString());
        Assert.Equal("upstream_unavailable", TokenAnswer.Failed(new Failure(ErrorCodes.UpstreamUnavailable, "HTTP 503")).ToString());
    }

    [Fact]
    public void Read_FailureDetails_NeverCarryTheTokensOfTheBody()
    {
        var secrets = new Dictionary<string, string> { ["access token"] = AccessToken, ["refresh token"] = RefreshToken, ["id token"] = IdToken };
        HttpReply[] replies =
        [
            Edited("token_type", "\"mac\""),
            Edited("refresh_token", "42"),
            Edited("expires_in", "0"),
            Edited("error", "\"x\""),
            Replies.Json(Documents.Text(Documents.TokenResponse), 400),
            Replies.Json(Documents.Text(Documents.TokenResponse), 500),
            Replies.Json(Documents.Text(Documents.TokenResponse), 429),
        ];

        foreach (var reply in replies)
        {
            var failure = Failed(reply);
            SecretScan.AssertAbsent(failure.Detail + " " + failure.Hint, secrets);
        }
    }
}
