using System.Buffers.Text;
using System.Text;

namespace XaiGrok.Onboarding.Tests.Fixtures;

/// <summary>Hand-built JWTs (base64url header.payload.signature); the client reads claims and never checks signatures.</summary>
internal static class UnsignedJwt
{
    public const string NoneHeader = """{"alg":"none","typ":"JWT"}""";
    public const string Rs256Header = """{"alg":"RS256","typ":"JWT","kid":"test"}""";

    public static string Create(string payloadJson, string headerJson = Rs256Header, string signature = "c2lnbmF0dXJl") =>
        Encode(headerJson) + "." + Encode(payloadJson) + "." + signature;

    public static string Encode(string text) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(text));
}
