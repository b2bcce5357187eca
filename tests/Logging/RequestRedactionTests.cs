using System.Net.Http.Headers;
using XaiGrok.Onboarding.Http;
using Xunit;

namespace XaiGrok.Onboarding.Tests.Logging;

public sealed class RequestRedactionTests
{
    private const string Canary = "canary-secret-0123456789";

    [Fact]
    public void Url_HidesQueryValues_KeepsTheirNames()
    {
        var text = RequestRedaction.Url(new Uri($"https://auth.example/cb?code={Canary}&state=abc"));

        Assert.Equal("https://auth.example/cb?code=[redacted]&state=[redacted]", text);
    }

    [Fact]
    public void Url_WithUserInfo_DropsIt()
    {
        var text = RequestRedaction.Url(new Uri($"https://user:{Canary}@auth.example/token"));

        Assert.DoesNotContain(Canary, text, StringComparison.Ordinal);
        Assert.EndsWith("auth.example/token", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("grant_type=refresh_token&refresh_token=" + Canary + "&client_id=app", "grant_type=refresh_token&refresh_token=[redacted]&client_id=app")]
    [InlineData("grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Adevice_code&device_code=" + Canary, "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Adevice_code&device_code=[redacted]")]
    [InlineData("code=" + Canary + "&code_verifier=" + Canary + "&redirect_uri=http%3A%2F%2F127.0.0.1%3A5000%2F", "code=[redacted]&code_verifier=[redacted]&redirect_uri=http%3A%2F%2F127.0.0.1%3A5000%2F")]
    [InlineData("token=" + Canary + "&token_type_hint=refresh_token", "token=[redacted]&token_type_hint=refresh_token")]
    [InlineData(Canary, "[redacted]")]
    [InlineData("a=1&" + Canary, "a=[redacted]&[redacted]")]
    public void Form_ShowsOnlyHarmlessValues(string body, string expected)
    {
        var text = RequestRedaction.Form(body);

        Assert.Equal(expected, text);
        Assert.DoesNotContain(Canary, text, StringComparison.Ordinal);
    }

    [Fact]
    public void Headers_HideCredentials_KeepTheScheme()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://api.example/v1/models");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Canary);
        request.Headers.Add("Cookie", "session=" + Canary);
        request.Headers.Add("X-Api-Key", Canary);
        request.Headers.Add("X-Session-Token", Canary);
        request.Headers.Accept.ParseAdd("application/json");

        var text = RequestRedaction.Headers(request.Headers);

        Assert.DoesNotContain(Canary, text, StringComparison.Ordinal);
        Assert.Contains("Authorization: Bearer [redacted]", text, StringComparison.Ordinal);
        Assert.Contains("Accept: application/json", text, StringComparison.Ordinal);
    }
}
