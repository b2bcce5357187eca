using System.Text;

namespace XaiGrok.Onboarding.Bench;

/// <summary>An unsigned access token shaped like the ones xAI issues (RS256 header, tier claim), for decode benchmarks.</summary>
internal static class Jwt
{
    public static string AccessToken(int tier) => string.Join('.',
        Encode("""{"alg":"RS256","typ":"JWT","kid":"bench"}"""),
        Encode($$"""{"iss":"https://auth.x.ai","sub":"user-1234","aud":"api","email":"someone@example.com","tier":{{tier}},"iat":1795000000,"exp":1795021600,"scope":"openid profile email offline_access api:access"}"""),
        Encode(new string('s', 256)));

    private static string Encode(string text) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(text)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
