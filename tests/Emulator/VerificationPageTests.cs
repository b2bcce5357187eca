using System.Net;
using XaiGrok.Emulator;
using Xunit;

namespace XaiGrok.Onboarding.Tests.Emulator;

public sealed class VerificationPageTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task VerificationPage_EncodesWhatItEchoes()
    {
        await using var emulator = await XaiEmulator.StartAsync(ct: Ct);
        using var http = new EmulatorHttp(emulator);

        var html = await http.Client.GetStringAsync(new Uri("/oauth2/device?user_code=%3Cscript%3E", UriKind.Relative), Ct);

        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", html, StringComparison.Ordinal);
        Assert.Contains("/oauth2/device/decision", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerificationDecision_ApprovesWithTheChosenTier()
    {
        await using var emulator = await XaiEmulator.StartAsync(ct: Ct);
        using var http = new EmulatorHttp(emulator);
        var flow = await http.StartDeviceFlowAsync();
        var typed = EmulatorHttp.Text(flow, "user_code").Replace("-", "", StringComparison.Ordinal).ToLowerInvariant();
        using var form = new FormUrlEncodedContent([KeyValuePair.Create("user_code", typed), KeyValuePair.Create("decision", "approve"), KeyValuePair.Create("tier", "6")]);

        using var decision = await http.Client.PostAsync(new Uri("/oauth2/device/decision", UriKind.Relative), form, Ct);
        var (status, token) = await http.PollAsync(EmulatorHttp.Text(flow, "device_code"));

        Assert.Equal(HttpStatusCode.OK, decision.StatusCode);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(6, (await JwtTestVerifier.VerifyAsync(http.Client, EmulatorHttp.Text(token, "access_token")))["tier"]!.GetValue<int>());
    }
}
