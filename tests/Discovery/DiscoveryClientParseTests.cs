using System.Net;
using XaiGrok.Onboarding.Discovery;
using XaiGrok.Onboarding.Errors;
using XaiGrok.Onboarding.Http;
using XaiGrok.Onboarding.Tests.Fixtures;
using Xunit;

namespace XaiGrok.Onboarding.Tests.Discovery;

public sealed class DiscoveryClientParseTests
{
    private static readonly Uri Issuer = new("https://auth.x.ai");

    private static Failure ParseFails(HttpReply reply, Uri? issuer = null)
    {
        var parsed = DiscoveryClient.Parse(issuer ?? Issuer, reply);
        Assert.False(parsed.IsSuccess);
        return parsed.Failure;
    }

    private static HttpReply Edited(string field, string? rawJson) => Replies.Json(Documents.With(Documents.Discovery, field, rawJson));

    [Fact]
    public void Parse_GoodDocument_GivesEveryEndpoint()
    {
        var parsed = DiscoveryClient.Parse(Issuer, Replies.Document(Documents.Discovery));

        Assert.True(parsed.IsSuccess);
        var document = parsed.Value;
        Assert.Equal(Issuer, document.Issuer);
        Assert.Equal(new Uri("https://auth.x.ai/oauth2/token"), document.TokenEndpoint);
        Assert.Equal(new Uri("https://auth.x.ai/oauth2/device/code"), document.DeviceAuthorizationEndpoint);
        Assert.Equal(new Uri("https://auth.x.ai/oauth2/auth"), document.AuthorizationEndpoint);
        Assert.Equal(new Uri("https://auth.x.ai/oauth2/revoke"), document.RevocationEndpoint);
        Assert.Equal(new Uri("https://auth.x.ai/.well-known/jwks.json"), document.JwksUri);
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("false", false)]
    [InlineData("\"true\"", false)]
    [InlineData(null, false)]
    public void Parse_Rfc9207Promise_IsReadOnlyFromALiteralTrue(string? raw, bool promised)
    {
        var parsed = DiscoveryClient.Parse(Issuer, Edited("authorization_response_iss_parameter_supported", raw));

        Assert.Equal(promised, parsed.Value!.IssParameterSupported);
    }

    [Theory]
    [InlineData("https://auth.x.ai/")]
    [InlineData("https://auth.x.ai")]
    public void Parse_IssuerIdentifier_IsKeptAsTheDocumentSpellsIt(string declared) =>
        Assert.Equal(declared, DiscoveryClient.Parse(Issuer, Edited("issuer", $"\"{declared}\"")).Value!.IssuerIdentifier);

    [Theory]
    [InlineData("https://auth.x.ai/")]
    [InlineData("https://auth.x.ai")]
    public void Parse_IssuerWithOrWithoutTrailingSlash_Matches(string declared)
    {
        Assert.True(DiscoveryClient.Parse(Issuer, Edited("issuer", $"\"{declared}\"")).IsSuccess);
        Assert.True(DiscoveryClient.Parse(new Uri("https://auth.x.ai/"), Edited("issuer", $"\"{declared}\"")).IsSuccess);
    }

    [Fact]
    public void Parse_EndpointOnSiblingHost_IsAccepted()
    {
        var parsed = DiscoveryClient.Parse(Issuer, Edited("authorization_endpoint", "\"https://accounts.x.ai/oauth2/auth\""));

        Assert.True(parsed.IsSuccess);
        Assert.Equal(new Uri("https://accounts.x.ai/oauth2/auth"), parsed.Value.AuthorizationEndpoint);
    }

    [Theory]
    [InlineData("device_authorization_endpoint")]
    [InlineData("authorization_endpoint")]
    [InlineData("revocation_endpoint")]
    [InlineData("jwks_uri")]
    public void Parse_OptionalEndpointAbsentOrNull_IsNull(string field)
    {
        foreach (var reply in new[] { Edited(field, null), Edited(field, "null") })
        {
            var parsed = DiscoveryClient.Parse(Issuer, reply);

            Assert.True(parsed.IsSuccess);
            var document = parsed.Value;
            var value = field switch
            {
                "device_authorization_endpoint" => document.DeviceAuthorizationEndpoint,
                "authorization_endpoint" => document.AuthorizationEndpoint,
                "revocation_endpoint" => document.RevocationEndpoint,
                _ => document.JwksUri,
            };
            Assert.Null(value);
            Assert.Equal(new Uri("https://auth.x.ai/oauth2/token"), document.TokenEndpoint);
        }
    }

    [Fact]
    public void Parse_OnlyIssuerAndTokenEndpoint_IsEnough()
    {
        var parsed = DiscoveryClient.Parse(Issuer, Replies.Json("""{"issuer":"https://auth.x.ai","token_endpoint":"https://auth.x.ai/oauth2/token"}"""));

        Assert.True(parsed.IsSuccess);
        Assert.Null(parsed.Value.DeviceAuthorizationEndpoint);
        Assert.Null(parsed.Value.RevocationEndpoint);
    }

    [Theory]
    [InlineData("issuer", null)]
    [InlineData("issuer", "null")]
    [InlineData("issuer", "\"\"")]
    [InlineData("issuer", "42")]
    [InlineData("issuer", "\"https://evil.com\"")]
    [InlineData("issuer", "\"https://accounts.x.ai\"")]
    [InlineData("issuer", "\"http://auth.x.ai\"")]
    [InlineData("issuer", "\"https://AUTH.x.ai\"")]
    [InlineData("issuer", "\"https://auth.x.ai/tenant\"")]
    [InlineData("token_endpoint", null)]
    [InlineData("token_endpoint", "null")]
    [InlineData("token_endpoint", "\"\"")]
    [InlineData("token_endpoint", "42")]
    [InlineData("token_endpoint", "[\"https://auth.x.ai/oauth2/token\"]")]
    [InlineData("token_endpoint", "\"/oauth2/token\"")]
    [InlineData("token_endpoint", "\"http://auth.x.ai/oauth2/token\"")]
    [InlineData("token_endpoint", "\"https://evil.com/oauth2/token\"")]
    [InlineData("token_endpoint", "\"https://auth.x.ai.evil.com/oauth2/token\"")]
    [InlineData("token_endpoint", "\"https://user:pw@auth.x.ai/oauth2/token\"")]
    [InlineData("device_authorization_endpoint", "\"http://auth.x.ai/oauth2/device/code\"")]
    [InlineData("device_authorization_endpoint", "\"https://evil.com/oauth2/device/code\"")]
    [InlineData("device_authorization_endpoint", "17")]
    [InlineData("authorization_endpoint", "\"javascript:alert(1)\"")]
    [InlineData("revocation_endpoint", "\"https://evil.com/revoke\"")]
    [InlineData("revocation_endpoint", "\"\"")]
    [InlineData("jwks_uri", "\"http://127.0.0.1/jwks.json\"")]
    public void Parse_BadIssuerOrEndpoint_IsInvalidResponse(string field, string? rawJson) =>
        Assert.Equal(ErrorCodes.InvalidResponse, ParseFails(Edited(field, rawJson)).Code);

    [Theory]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(503)]
    [InlineData(504)]
    public void Parse_ServerError_IsUpstreamUnavailable(int status)
    {
        var failure = ParseFails(Replies.Json(Documents.Text(Documents.Discovery), status));

        Assert.Equal(ErrorCodes.UpstreamUnavailable, failure.Code);
        Assert.Contains(status.ToString(System.Globalization.CultureInfo.InvariantCulture), failure.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(201)]
    [InlineData(204)]
    public void Parse_OtherSuccessStatusWithGoodBody_IsAccepted(int status) =>
        Assert.True(DiscoveryClient.Parse(Issuer, Replies.Json(Documents.Text(Documents.Discovery), status)).IsSuccess);

    [Theory]
    [InlineData(400)]
    [InlineData(401)]
    [InlineData(403)]
    [InlineData(404)]
    [InlineData(429)]
    public void Parse_ClientErrorStatus_IsInvalidResponseEvenWithAGoodBody(int status) =>
        Assert.Equal(ErrorCodes.InvalidResponse, ParseFails(Replies.Json(Documents.Text(Documents.Discovery), status)).Code);

    [Theory]
    [InlineData(301)]
    [InlineData(302)]
    [InlineData(307)]
    [InlineData(308)]
    public void Parse_Redirect_IsNotFollowedAndIsInvalidResponse(int status)
    {
        var failure = ParseFails(Replies.Json(Documents.Text(Documents.Discovery), status));

        Assert.Equal(ErrorCodes.InvalidResponse, failure.Code);
        Assert.Contains("redirect", failure.Detail, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("")]
    [InlineData("<html>Service moved</html>")]
    [InlineData("null")]
    [InlineData("[]")]
    [InlineData("[{\"issuer\":\"https://auth.x.ai\"}]")]
    [InlineData("\"https://auth.x.ai\"")]
    [InlineData("42")]
    [InlineData("{\"issuer\":")]
    public void Parse_BodyThatIsNotAJsonObject_IsInvalidResponse(string body) =>
        Assert.Equal(ErrorCodes.InvalidResponse, ParseFails(Replies.Json(body)).Code);

    [Fact]
    public void Parse_BodyTooLarge_IsInvalidResponseWithoutReadingIt()
    {
        var failure = ParseFails(Replies.TooLarge(Documents.Text(Documents.Discovery)));

        Assert.Equal(ErrorCodes.InvalidResponse, failure.Code);
        Assert.Contains("size", failure.Detail, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Parse_LoopbackIssuer_AcceptsEndpointsOnItsOwnHostOnly()
    {
        var issuer = new Uri("http://127.0.0.1:5000");
        const string good = """{"issuer":"http://127.0.0.1:5000","token_endpoint":"http://127.0.0.1:5000/oauth2/token","device_authorization_endpoint":"http://127.0.0.1:5000/oauth2/device/code"}""";
        const string offHost = """{"issuer":"http://127.0.0.1:5000","token_endpoint":"http://localhost:5000/oauth2/token"}""";

        Assert.True(DiscoveryClient.Parse(issuer, Replies.Json(good)).IsSuccess);
        Assert.Equal(ErrorCodes.InvalidResponse, ParseFails(Replies.Json(offHost), issuer).Code);
    }

    [Fact]
    public void Parse_FailureDetail_NamesTheEndpointButNotItsPathOrQuery()
    {
        var failure = ParseFails(Edited("token_endpoint", "\"https://evil.com/steal?secret=s3cr3t-value\""));

        Assert.Contains("token_endpoint", failure.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cr3t-value", failure.Detail, StringComparison.Ordinal);
    }
}
