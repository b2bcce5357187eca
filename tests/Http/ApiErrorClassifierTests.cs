using XaiGrok.Onboarding.Http;
using XaiGrok.Onboarding.Tests.Fixtures;
using Xunit;

namespace XaiGrok.Onboarding.Tests.Http;

public sealed class ApiErrorClassifierTests
{
    [Theory]
    [InlineData(401, "", "CredentialsExpired")]
    [InlineData(401, """{"code":"unauthenticated:token-expired","error":"Token expired"}""", "CredentialsExpired")]
    [InlineData(403, """{"code":"unauthenticated:bad-credentials","error":"Incorrect API key provided"}""", "CredentialsExpired")]
    [InlineData(403, """{"code":"UNAUTHENTICATED:BAD-CREDENTIALS"}""", "CredentialsExpired")]
    [InlineData(403, """{"error":{"code":"unauthenticated:bad-credentials","message":"bad credentials"}}""", "CredentialsExpired")]
    [InlineData(403, """{"code":"permission-denied","error":"The caller does not have an active Grok subscription"}""", "Forbidden")]
    [InlineData(403, """{"code":"resource-exhausted","error":"Your team has run out of available resources"}""", "Forbidden")]
    [InlineData(403, """{"code":"permission-denied","error":"The OAuth client does not have permission to use this model"}""", "Forbidden")]
    [InlineData(403, """{"error":{"message":"no active Grok subscription","code":"forbidden"}}""", "Forbidden")]
    [InlineData(403, "", "Forbidden")]
    [InlineData(403, "<html>Forbidden</html>", "Forbidden")]
    [InlineData(429, """{"code":"rate-limited","error":"Too many requests"}""", "RateLimited")]
    [InlineData(429, "", "RateLimited")]
    [InlineData(500, """{"error":"internal"}""", "UpstreamUnavailable")]
    [InlineData(502, "<html>Bad Gateway</html>", "UpstreamUnavailable")]
    [InlineData(503, "", "UpstreamUnavailable")]
    [InlineData(504, "", "UpstreamUnavailable")]
    [InlineData(400, """{"code":"Client specified an invalid argument","error":"Multi Agent requests are not allowed on chat completions. Use the Responses API."}""", "WrongLane")]
    [InlineData(400, """{"error":{"message":"Multi Agent requests are not allowed on chat completions","type":"invalid_request_error","code":"invalid_argument"}}""", "WrongLane")]
    [InlineData(400, """{"error":"multi agent requests are NOT allowed on chat completions"}""", "WrongLane")]
    [InlineData(400, """{"code":"Client specified an invalid argument","error":"messages must not be empty"}""", "BadRequest")]
    [InlineData(400, """{"error":{"message":"Unknown parameter: foo","code":"invalid_argument"}}""", "BadRequest")]
    [InlineData(400, "", "BadRequest")]
    [InlineData(422, """{"error":"Failed to deserialize the JSON body"}""", "BadRequest")]
    [InlineData(404, """{"code":"Some requested entity was not found","error":"The model grok-9 does not exist"}""", "NotFound")]
    [InlineData(404, "", "NotFound")]
    [InlineData(418, "", "Unexpected")]
    [InlineData(409, """{"error":"conflict"}""", "Unexpected")]
    [InlineData(401, """{"error":"Multi Agent requests are not allowed on chat completions"}""", "CredentialsExpired")]
    [InlineData(403, """{"error":"Multi Agent requests are not allowed on chat completions"}""", "Forbidden")]
    public void Classify_StatusAndBody_GiveTheKind(int status, string body, string kind) =>
        Assert.Equal(Enum.Parse<ApiErrorKind>(kind), ApiErrorClassifier.Classify(Replies.Json(body, status)));

    [Theory]
    [InlineData("""{"code":"c1","error":"m1"}""", "c1", "m1")]
    [InlineData("""{"code":"c1","message":"m2"}""", "c1", "m2")]
    [InlineData("""{"error":{"code":"c3","message":"m3"}}""", "c3", "m3")]
    [InlineData("""{"code":"top","error":{"code":"inner","message":"m4"}}""", "top", "m4")]
    [InlineData("""{"error":{"code":42,"message":null}}""", null, null)]
    [InlineData("""{"other":"x"}""", null, null)]
    [InlineData("[]", null, null)]
    [InlineData("not json", null, null)]
    public void ReadBody_BothBodyStyles_GiveCodeAndMessage(string body, string? code, string? message) =>
        Assert.Equal((code, message), ApiErrorClassifier.ReadBody(Replies.Json(body, 400)));

    [Fact]
    public void ReadBody_MessageWithControlCharacters_IsStrippedAndCut()
    {
        var (_, message) = ApiErrorClassifier.ReadBody(Replies.Json($$"""{"error":"a\u001b[31m\r\nb{{new string('x', 500)}}"}""", 400));

        Assert.NotNull(message);
        Assert.StartsWith("a[31mb", message, StringComparison.Ordinal);
        Assert.Equal(300, message.Length);
        Assert.DoesNotContain(message, char.IsControl);
    }

    [Fact]
    public void ReadBody_MessageWithBidiOverrides_IsStripped()
    {
        var (code, message) = ApiErrorClassifier.ReadBody(Replies.Json("{\"code\":\"bad\\u2066code\",\"error\":\"see \\u202Efdp.exe\"}", 400));

        Assert.Equal(("badcode", "see fdp.exe"), (code, message));
    }

    [Fact]
    public void ReadBody_LongMessage_IsNotCutInsideASurrogatePair()
    {
        var (_, message) = ApiErrorClassifier.ReadBody(Replies.Json($$"""{"error":"{{new string('x', 299)}}\ud83d\ude00tail"}""", 400));

        Assert.Equal(new string('x', 299), message);
    }

    [Fact]
    public void ReadBody_TooLarge_IsNotRead() =>
        Assert.Equal((null, null), ApiErrorClassifier.ReadBody(Replies.TooLarge("""{"code":"unauthenticated:bad-credentials"}""", 403)));

    [Theory]
    [InlineData(404, """{"code":"Some requested entity was not found","error":"The model grok-x does not exist or your team t1 does not have access to it."}""", true)]
    [InlineData(404, """{"error":{"message":"The model `grok-x` does not exist or you do not have access to it.","code":"model_not_found"}}""", true)]
    [InlineData(400, """{"error":{"message":"unknown","code":"model_not_found"}}""", true)]
    [InlineData(403, """{"code":"permission-denied","error":"The model grok-x is not available to this account."}""", true)]
    [InlineData(404, """{"code":"not-found","error":"No route."}""", false)]
    [InlineData(404, "not json", false)]
    [InlineData(400, """{"code":"invalid-argument","error":"Multi Agent requests are not allowed on chat completions. Use the Responses API."}""", false)]
    [InlineData(403, """{"code":"permission-denied","error":"The caller does not have permission: no active Grok subscription"}""", false)]
    [InlineData(500, """{"error":"The model grok-x does not exist"}""", false)]
    public void RefusesModel_OnlyAnswersThatRefuseTheModelItself(int status, string body, bool refuses) =>
        Assert.Equal(refuses, ApiErrorClassifier.RefusesModel(Replies.Json(body, status)));
}
