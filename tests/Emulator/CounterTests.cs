using XaiGrok.Emulator;
using Xunit;

namespace XaiGrok.Onboarding.Tests.Emulator;

public sealed class CounterTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Counters_CountPathsAndGrantsIncludingFaultedRequests()
    {
        await using var emulator = await XaiEmulator.StartAsync(ct: Ct);
        using var http = new EmulatorHttp(emulator);
        var signIn = await http.SignInAsync(tier: 1);
        emulator.Control.AddFault(new EmulatorFault("/oauth2/token") { Status = 500 });
        await http.RefreshAsync(EmulatorHttp.Text(signIn, "refresh_token"));
        await http.RefreshAsync(EmulatorHttp.Text(signIn, "refresh_token"));
        await http.GetJsonAsync("/v1/models", EmulatorHttp.Text(signIn, "access_token"));

        Assert.Equal(1, emulator.Control.Count("/oauth2/device/code"));
        Assert.Equal(3, emulator.Control.Count("/oauth2/token"));
        Assert.Equal(1, emulator.Control.Count("grant:device_code"));
        Assert.Equal(2, emulator.Control.Count("grant:refresh_token"));
        Assert.Equal(1, emulator.Control.Count("/v1/models"));
        Assert.Equal(0, emulator.Control.Count("/oauth2/revoke"));
        Assert.Equal(3, emulator.Control.Counters["/oauth2/token"]);

        emulator.Control.ResetCounters();

        Assert.Empty(emulator.Control.Counters);
        Assert.Equal(0, emulator.Control.Count("/oauth2/token"));
    }
}
