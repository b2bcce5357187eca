using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using XaiGrok.Emulator;
using Xunit;

namespace XaiGrok.Onboarding.Tests.Emulator;

public sealed class ControlOverHttpTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Control_OverHttp_ApprovesFaultsAndCounts()
    {
        await using var emulator = await XaiEmulator.StartAsync(new EmulatorOptions { EnforcePollInterval = false }, Ct);
        using var http = new EmulatorHttp(emulator);
        var deviceCode = EmulatorHttp.Text(await http.StartDeviceFlowAsync(), "device_code");

        var (_, latest) = await http.GetJsonAsync("/_emulator/latest-user-code");
        using var approve = await http.Client.PostAsJsonAsync("/_emulator/approve", new JsonObject { ["user_code"] = EmulatorHttp.Text(latest, "user_code"), ["tier"] = 3 }, Ct);
        using var unknown = await http.Client.PostAsJsonAsync("/_emulator/deny", new JsonObject { ["user_code"] = "BBBB-BBBB" }, Ct);
        using var fault = await http.Client.PostAsJsonAsync("/_emulator/faults", new JsonObject { ["path_prefix"] = "/oauth2/token", ["status"] = 502 }, Ct);
        var (faultedStatus, _) = await http.PollAsync(deviceCode);
        var (status, token) = await http.PollAsync(deviceCode);
        var (_, counters) = await http.GetJsonAsync("/_emulator/counters");
        using var reset = await http.Client.PostAsync(new Uri("/_emulator/reset-counters", UriKind.Relative), null, Ct);
        var afterReset = emulator.Control.Counters;

        Assert.Equal(HttpStatusCode.NoContent, approve.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, fault.StatusCode);
        Assert.Equal(HttpStatusCode.BadGateway, faultedStatus);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(3, (await JwtTestVerifier.VerifyAsync(http.Client, EmulatorHttp.Text(token, "access_token")))["tier"]!.GetValue<int>());
        Assert.Equal(2, counters["/oauth2/token"]!.GetValue<int>());
        Assert.False(counters.ContainsKey("/_emulator/counters"));
        Assert.Empty(afterReset);
    }

    [Fact]
    public async Task Control_OverHttp_ExpireAccessTokensAndExpireFlow()
    {
        await using var emulator = await XaiEmulator.StartAsync(ct: Ct);
        using var http = new EmulatorHttp(emulator);
        var access = EmulatorHttp.Text(await http.SignInAsync(tier: 1), "access_token");
        var flow = await http.StartDeviceFlowAsync();

        using var expireTokens = await http.Client.PostAsync(new Uri("/_emulator/expire-access-tokens", UriKind.Relative), null, Ct);
        using var expireFlow = await http.Client.PostAsJsonAsync("/_emulator/expire", new JsonObject { ["user_code"] = EmulatorHttp.Text(flow, "user_code") }, Ct);
        var (modelsStatus, _) = await http.GetJsonAsync("/v1/models", access);
        var (_, poll) = await http.PollAsync(EmulatorHttp.Text(flow, "device_code"));

        Assert.True(expireTokens.IsSuccessStatusCode);
        Assert.Equal(HttpStatusCode.NoContent, expireFlow.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, modelsStatus);
        Assert.Equal("expired_token", EmulatorHttp.Text(poll, "error"));
    }
}
