using System.Net;
using XaiGrok.Onboarding.DeviceGrant;
using XaiGrok.Onboarding.Errors;
using XaiGrok.Onboarding.Http;
using XaiGrok.Onboarding.Tests.Fixtures;
using Xunit;

namespace XaiGrok.Onboarding.Tests.DeviceGrant;

public sealed class DeviceAuthorizationClientReadTests
{
    private static readonly Uri Issuer = new("https://auth.x.ai");
    private static readonly string DeviceCode = Documents.Field(Documents.DeviceAuthorization, "device_code");

    private static HttpReply Edited(string field, string? rawJson) => Replies.Json(Documents.With(Documents.DeviceAuthorization, field, rawJson));

    private static DeviceAuthorization Reads(HttpReply reply, Uri? issuer = null)
    {
        var read = DeviceAuthorizationClient.Read(reply, issuer ?? Issuer);
        Assert.True(read.IsSuccess, read.Failure?.Detail);
        return read.Value;
    }

    private static Failure Fails(HttpReply reply, Uri? issuer = null)
    {
        var read = DeviceAuthorizationClient.Read(reply, issuer ?? Issuer);
        Assert.False(read.IsSuccess);
        AssertNoDeviceCode(read.Failure);
        return read.Failure;
    }

    private static void AssertNoDeviceCode(Failure failure)
    {
        Assert.False(failure.Detail.Contains(DeviceCode, StringComparison.Ordinal), "the detail carries the device_code");
        Assert.False((failure.Hint ?? "").Contains(DeviceCode, StringComparison.Ordinal), "the hint carries the device_code");
        Assert.False((failure.ServerError ?? "").Contains(DeviceCode, StringComparison.Ordinal), "server_error carries the device_code");
    }

    [Fact]
    public void Read_GoodAnswer_GivesEveryField()
    {
        var authorization = Reads(Replies.Document(Documents.DeviceAuthorization));

        Assert.Equal(DeviceCode, authorization.DeviceCode);
        Assert.Equal("WDJB-MJHT", authorization.UserCode);
        Assert.Equal(new Uri("https://accounts.x.ai/device"), authorization.VerificationUri);
        Assert.Equal(new Uri("https://accounts.x.ai/device?user_code=WDJB-MJHT"), authorization.VerificationUriComplete);
        Assert.Equal(1800, authorization.ExpiresInSeconds);
        Assert.Equal(5, authorization.IntervalSeconds);
    }

    [Fact]
    public void ToString_NeverShowsTheDeviceCode()
    {
        var text = Reads(Replies.Document(Documents.DeviceAuthorization)).ToString();

        Assert.False(text.Contains(DeviceCode, StringComparison.Ordinal), "ToString carries the device_code");
        Assert.Contains("WDJB-MJHT", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("null")]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("-30")]
    [InlineData("2.5")]
    [InlineData("\"fast\"")]
    [InlineData("\"\"")]
    [InlineData("true")]
    [InlineData("[10]")]
    [InlineData("{\"seconds\":10}")]
    public void Read_IntervalMissingOrNotAPositiveNumber_DefaultsToFiveSeconds(string? rawInterval) =>
        Assert.Equal(DeviceAuthorizationClient.DefaultIntervalSeconds, Reads(Edited("interval", rawInterval)).IntervalSeconds);

    [Theory]
    [InlineData("1", 1)]
    [InlineData("10", 10)]
    [InlineData("\"10\"", 10)]
    [InlineData("300", 300)]
    [InlineData("100000", 300)]
    public void Read_PositiveInterval_IsKeptUpToFiveMinutes(string rawInterval, int expected) =>
        Assert.Equal(expected, Reads(Edited("interval", rawInterval)).IntervalSeconds);

    [Theory]
    [InlineData("1", 1)]
    [InlineData("\"900\"", 900)]
    [InlineData("3600", 3600)]
    [InlineData("86400", 3600)]
    [InlineData("9007199254740993", 3600)]
    public void Read_ExpiresIn_IsKeptUpToAnHour(string rawExpiresIn, int expected) =>
        Assert.Equal(expected, Reads(Edited("expires_in", rawExpiresIn)).ExpiresInSeconds);

    [Theory]
    [InlineData("device_code", null)]
    [InlineData("device_code", "null")]
    [InlineData("device_code", "\"\"")]
    [InlineData("device_code", "\"   \"")]
    [InlineData("device_code", "12345678")]
    [InlineData("device_code", "[\"abc\"]")]
    [InlineData("device_code", "\"has space inside\"")]
    [InlineData("device_code", "\"line\\nbreak\"")]
    [InlineData("user_code", null)]
    [InlineData("user_code", "null")]
    [InlineData("user_code", "\"\"")]
    [InlineData("user_code", "12345678")]
    [InlineData("user_code", "{\"code\":\"WDJB-MJHT\"}")]
    [InlineData("verification_uri", null)]
    [InlineData("verification_uri", "null")]
    [InlineData("verification_uri", "\"\"")]
    [InlineData("verification_uri", "42")]
    [InlineData("expires_in", null)]
    [InlineData("expires_in", "null")]
    [InlineData("expires_in", "0")]
    [InlineData("expires_in", "-1")]
    [InlineData("expires_in", "\"soon\"")]
    [InlineData("expires_in", "\"\"")]
    [InlineData("expires_in", "18.5")]
    [InlineData("expires_in", "true")]
    [InlineData("expires_in", "99999999999999999999999")]
    public void Read_RequiredFieldMissingEmptyOrWrongType_IsInvalidResponse(string field, string? rawJson) =>
        Assert.Equal(ErrorCodes.InvalidResponse, Fails(Edited(field, rawJson)).Code);

    [Theory]
    [InlineData("WDJB MJHT")]
    [InlineData(" WDJB-MJHT")]
    [InlineData("WDJB-MJHT ")]
    [InlineData("WDJB\nMJHT")]
    [InlineData("WDJB\tMJHT")]
    [InlineData("WDJB\u0000MJHT")]
    [InlineData("WDJB\u001b[31mMJHT")]
    [InlineData("WDJB\u200bMJHT")]
    [InlineData("WDJB_MJHT")]
    [InlineData("<b>WDJB</b>")]
    [InlineData("ÄBCD-EFGH")]
    [InlineData("----")]
    [InlineData("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456")]
    public void Read_UserCodeWithOtherThanLettersDigitsDashes_IsRefused(string userCode)
    {
        var reply = Replies.Json(Documents.With(Documents.DeviceAuthorization, "user_code", System.Text.Json.JsonSerializer.Serialize(userCode)));

        var failure = Fails(reply);

        Assert.Equal(ErrorCodes.InvalidResponse, failure.Code);
        Assert.Contains("user_code", failure.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ABCD")]
    [InlineData("abcd-1234")]
    [InlineData("A")]
    [InlineData("ABCDEFGHIJKLMNOPQRSTUVWXYZ012345")]
    public void Read_UserCodeOfLettersDigitsDashes_IsAccepted(string userCode) =>
        Assert.Equal(userCode, Reads(Edited("user_code", $"\"{userCode}\"")).UserCode);

    [Theory]
    [InlineData("javascript:alert(document.cookie)")]
    [InlineData("data:text/html,<script>alert(1)</script>")]
    [InlineData("http://accounts.x.ai/device")]
    [InlineData("https://evil.com/device")]
    [InlineData("https://accounts.x.ai.evil.com/device")]
    [InlineData("https://x.ai.evil.com/device")]
    [InlineData("https://user:pw@accounts.x.ai/device")]
    [InlineData("https://accounts.x.ai/device#phish")]
    [InlineData("https://accounts.x.ai/de\nvice")]
    [InlineData("https://accounts.x.ai/device\u0007")]
    [InlineData("https://accounts.x.ai/\u202Eecived")]
    [InlineData("/device")]
    [InlineData("accounts.x.ai/device")]
    [InlineData("http://127.0.0.1/device")]
    public void Read_VerificationUriNotHttpsOnTheIssuersSite_IsRefused(string url)
    {
        var raw = System.Text.Json.JsonSerializer.Serialize(url);

        Assert.Equal(ErrorCodes.InvalidResponse, Fails(Edited("verification_uri", raw)).Code);
        Assert.Equal(ErrorCodes.InvalidResponse, Fails(Edited("verification_uri_complete", raw)).Code);
    }

    [Theory]
    [InlineData("https://accounts.x.ai/device")]
    [InlineData("https://auth.x.ai/device")]
    [InlineData("https://accounts.x.ai:443/device")]
    public void Read_VerificationUriOnTheIssuersSite_IsAccepted(string url) =>
        Assert.Equal(new Uri(url), Reads(Edited("verification_uri", $"\"{url}\"")).VerificationUri);

    [Fact]
    public void Read_LoopbackIssuer_AcceptsHttpVerificationUriOnItsHost()
    {
        const string body = """{"device_code":"dev-code-123456","user_code":"ABCD-EFGH","verification_uri":"http://127.0.0.1:5000/device","expires_in":600}""";

        var authorization = Reads(Replies.Json(body), new Uri("http://127.0.0.1:5000"));

        Assert.Equal(new Uri("http://127.0.0.1:5000/device?user_code=ABCD-EFGH"), authorization.VerificationUriComplete);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("null")]
    public void Read_VerificationUriCompleteMissing_IsBuiltFromVerificationUriAndUserCode(string? raw)
    {
        var authorization = Reads(Edited("verification_uri_complete", raw));

        Assert.Equal("https://accounts.x.ai/device?user_code=WDJB-MJHT", authorization.VerificationUriComplete.AbsoluteUri);
    }

    [Fact]
    public void Read_VerificationUriCompleteMissingAndUriHasAQuery_AppendsTheUserCode()
    {
        var body = Documents.Object(Documents.DeviceAuthorization);
        body.Remove("verification_uri_complete");
        body["verification_uri"] = "https://accounts.x.ai/device?lang=en";

        var authorization = Reads(Replies.Json(body.ToJsonString()));

        Assert.Equal("https://accounts.x.ai/device?lang=en&user_code=WDJB-MJHT", authorization.VerificationUriComplete.AbsoluteUri);
    }

    [Theory]
    [InlineData("\"\"")]
    [InlineData("42")]
    public void Read_VerificationUriCompletePresentButNotAUrl_IsRefused(string raw) =>
        Assert.Equal(ErrorCodes.InvalidResponse, Fails(Edited("verification_uri_complete", raw)).Code);

    [Theory]
    [InlineData(400, "server_error")]
    [InlineData(400, "invalid_scope")]
    [InlineData(400, "invalid_request")]
    [InlineData(403, "access_denied")]
    public void Read_ErrorAnswer_IsOAuthErrorWithTheServersCode(int status, string error)
    {
        var failure = Fails(Replies.Json($$"""{"error":"{{error}}","error_description":"refused"}""", status));

        Assert.Equal(ErrorCodes.OAuthError, failure.Code);
        Assert.Equal(error, failure.ServerError);
        Assert.Contains(error, failure.Detail, StringComparison.Ordinal);
        Assert.NotEqual(Hints.ConfigureClient, failure.Hint);
    }

    [Theory]
    [InlineData(400, "invalid_client")]
    [InlineData(401, "invalid_client")]
    [InlineData(400, "unauthorized_client")]
    public void Read_ClientRefused_HintsToConfigureTheClient(int status, string error)
    {
        var failure = Fails(Replies.Json($$"""{"error":"{{error}}"}""", status));

        Assert.Equal(ErrorCodes.OAuthError, failure.Code);
        Assert.Equal(error, failure.ServerError);
        Assert.Equal(Hints.ConfigureClient, failure.Hint);
    }

    [Fact]
    public void Read_SuccessStatusWithErrorField_IsOAuthError()
    {
        var body = Documents.Object(Documents.DeviceAuthorization);
        body["error"] = "server_error";

        var failure = Fails(Replies.Json(body.ToJsonString()));

        Assert.Equal(ErrorCodes.OAuthError, failure.Code);
        Assert.Equal("server_error", failure.ServerError);
    }

    [Fact]
    public void Read_ErrorStatusWithoutErrorCode_IsOAuthErrorNamingTheStatus()
    {
        var failure = Fails(Replies.Json("{}", 400));

        Assert.Equal(ErrorCodes.OAuthError, failure.Code);
        Assert.Equal("http_400", failure.ServerError);
    }

    [Fact]
    public void Read_ErrorCodeWithControlCharacters_IsSanitized()
    {
        var failure = Fails(Replies.Json("{\"error\":\"bad\\u001b[31m\\nthing\"}", 400));

        Assert.Equal("bad[31mthing", failure.ServerError);
        Assert.DoesNotContain('\u001b', failure.Detail);
        Assert.DoesNotContain('\n', failure.Detail);
    }

    [Fact]
    public void Read_ErrorAnswerEchoingTheDeviceCode_StillReadsAsAFailure()
    {
        var body = Documents.Object(Documents.DeviceAuthorization);
        body["error"] = "invalid_request";

        Assert.Equal(ErrorCodes.OAuthError, Fails(Replies.Json(body.ToJsonString(), 400)).Code);
    }

    [Theory]
    [InlineData(400, "<html>Bad Request</html>")]
    [InlineData(200, "<html>OK</html>")]
    [InlineData(200, "[]")]
    [InlineData(200, "null")]
    [InlineData(200, "")]
    public void Read_BodyThatIsNotAJsonObject_IsInvalidResponse(int status, string body) =>
        Assert.Equal(ErrorCodes.InvalidResponse, Fails(Replies.Json(body, status)).Code);

    [Fact]
    public void Read_BodyTooLarge_IsInvalidResponse() =>
        Assert.Equal(ErrorCodes.InvalidResponse, Fails(Replies.TooLarge(Documents.Text(Documents.DeviceAuthorization))).Code);

    [Theory]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(503)]
    public void Read_ServerError_IsUpstreamUnavailable(int status) =>
        Assert.Equal(ErrorCodes.UpstreamUnavailable, Fails(Replies.Json(Documents.Text(Documents.DeviceAuthorization), status)).Code);

    [Theory]
    [InlineData(12.0, 12)]
    [InlineData(0.2, 1)]
    [InlineData(0.0, 0)]
    public void Read_TooManyRequests_IsRateLimitedWithTheServersWait(double seconds, int expected)
    {
        var failure = Fails(Replies.Json("{\"error\":\"slow_down\"}", HttpStatusCode.TooManyRequests, TimeSpan.FromSeconds(seconds)));

        Assert.Equal(ErrorCodes.RateLimited, failure.Code);
        Assert.Equal(expected, failure.RetryAfterSeconds);
    }

    [Fact]
    public void Read_TooManyRequestsWithoutRetryAfter_WaitsThirtySeconds() =>
        Assert.Equal(30, Fails(Replies.Text("busy", 429)).RetryAfterSeconds);

    [Fact]
    public void Read_EveryRefusalOfAnAnswerCarryingTheDeviceCode_KeepsItOutOfTheFailure()
    {
        string?[][] edits =
        [
            ["user_code", "\"bad code\""],
            ["verification_uri", "\"https://evil.com\""],
            ["verification_uri_complete", "\"javascript:x\""],
            ["expires_in", "0"],
            ["error", "\"invalid_request\""],
        ];

        foreach (var edit in edits)
        {
            Fails(Edited(edit[0]!, edit[1]));
        }

        Fails(Replies.Json(Documents.Text(Documents.DeviceAuthorization), 400));
        Fails(Replies.Json(Documents.Text(Documents.DeviceAuthorization), 503));
        Fails(Replies.Json(Documents.Text(Documents.DeviceAuthorization), 429));
    }
}
