using System.Net;
using System.Text;
using XaiGrok.Onboarding.DeviceGrant;
using XaiGrok.Onboarding.Discovery;
using XaiGrok.Onboarding.Errors;
using XaiGrok.Onboarding.Http;
using XaiGrok.Onboarding.Models;
using XaiGrok.Onboarding.Tokens;
using Xunit;

namespace XaiGrok.Onboarding.Tests.Protocol;

/// <summary>
/// A body that is JSON in shape but carries bytes that are not UTF-8 inside a string (RFC 8259 §8.1 forbids it) is a
/// broken answer: every reader must turn it into a failure value, never an exception.
/// </summary>
public sealed class InvalidUtf8Tests
{
    private static readonly Uri Issuer = new("https://auth.x.ai");

    /// <summary>The JSON text with the marker <c>@@</c> replaced by the bytes C3 28 (an invalid two-byte sequence).</summary>
    private static HttpReply Reply(string json, int status = 200)
    {
        var marker = json.IndexOf("@@", StringComparison.Ordinal);
        byte[] body = [.. Encoding.UTF8.GetBytes(json[..marker]), 0xC3, 0x28, .. Encoding.UTF8.GetBytes(json[(marker + 2)..])];
        return new HttpReply((HttpStatusCode)status, body, "application/json", null);
    }

    [Theory]
    [InlineData("discovery", """{"issuer":"https://auth.x.ai@@","token_endpoint":"https://auth.x.ai/oauth2/token"}""", 200)]
    [InlineData("discovery", """{"issuer":"https://auth.x.ai","token_endpoint":"https://auth.x.ai/@@"}""", 200)]
    [InlineData("device", """{"device_code":"dc@@","user_code":"ABCD-EFGH","verification_uri":"https://accounts.x.ai/device","expires_in":600}""", 200)]
    [InlineData("device", """{"error":"bad@@"}""", 400)]
    [InlineData("token", """{"access_token":"at@@","token_type":"Bearer"}""", 200)]
    [InlineData("token", """{"error":"invalid_grant","error_description":"spent @@"}""", 400)]
    [InlineData("models", """{"data":[{"id":"grok@@"}]}""", 200)]
    [InlineData("api-error", """{"code":"c","error":"message @@"}""", 403)]
    [InlineData("api-error", """{"error":{"code":"c","message":"message @@"}}""", 400)]
    public void Readers_InvalidUtf8InsideAString_GiveAFailureNotAnException(string reader, string json, int status)
    {
        var reply = Reply(json, status);

        switch (reader)
        {
            case "discovery":
                Assert.Equal(ErrorCodes.InvalidResponse, DiscoveryClient.Parse(Issuer, reply).Failure?.Code);
                break;
            case "device":
                Assert.NotNull(DeviceAuthorizationClient.Read(reply, Issuer).Failure);
                break;
            case "token":
                Assert.Equal(ErrorCodes.InvalidResponse, TokenEndpointClient.Read(reply, []).Failure?.Code);
                break;
            case "models":
                var fetch = ModelsClient.Read(reply);
                Assert.True(fetch.Failure is not null || fetch.UpstreamIds is { Count: 0 });
                break;
            default:
                _ = ApiFailures.From(reply, "the call", null);
                break;
        }
    }
}
