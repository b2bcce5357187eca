using System.Net;
using XaiGrok.Emulator;
using Xunit;

namespace XaiGrok.Onboarding.Tests.Emulator;

public sealed class FaultTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Fault_WithStatus_AppliesToItsCountThenDisappears()
    {
        await using var emulator = await XaiEmulator.StartAsync(ct: Ct);
        using var http = new EmulatorHttp(emulator);
        emulator.Control.AddFault(new EmulatorFault("/.well-known/", Count: 2) { Status = 429, RetryAfter = "7", Body = "{not json", ContentType = "application/json" });

        using var first = await http.Client.GetAsync(new Uri("/.well-known/openid-configuration", UriKind.Relative), Ct);
        using var second = await http.Client.GetAsync(new Uri("/.well-known/jwks.json", UriKind.Relative), Ct);
        using var third = await http.Client.GetAsync(new Uri("/.well-known/openid-configuration", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.TooManyRequests, first.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(7), first.Headers.RetryAfter?.Delta);
        Assert.Equal("{not json", await first.Content.ReadAsStringAsync(Ct));
        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
        Assert.Equal(HttpStatusCode.OK, third.StatusCode);
    }

    [Fact]
    public async Task Fault_WithStatusOnly_AnswersAnOAuthErrorBody()
    {
        await using var emulator = await XaiEmulator.StartAsync(ct: Ct);
        using var http = new EmulatorHttp(emulator);
        emulator.Control.AddFault(new EmulatorFault("/oauth2/token") { Status = 503 });

        var (status, body) = await http.RefreshAsync("anything");

        Assert.Equal((HttpStatusCode.ServiceUnavailable, "temporarily_unavailable"), (status, EmulatorHttp.Text(body, "error")));
    }

    [Fact]
    public async Task Fault_DropConnection_GivesNoResponse()
    {
        await using var emulator = await XaiEmulator.StartAsync(ct: Ct);
        using var http = new EmulatorHttp(emulator);
        emulator.Control.AddFault(new EmulatorFault("/v1/") { DropConnection = true });

        await Assert.ThrowsAsync<HttpRequestException>(() => http.GetJsonAsync("/v1/models"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetJsonAsync("/v1/models")).Status);
    }

    [Fact]
    public async Task Fault_ProcessThenDrop_RotatesTheRefreshTokenAnyway()
    {
        await using var emulator = await XaiEmulator.StartAsync(ct: Ct);
        using var http = new EmulatorHttp(emulator);
        var refreshToken = EmulatorHttp.Text(await http.SignInAsync(tier: 1), "refresh_token");
        emulator.Control.AddFault(new EmulatorFault("/oauth2/token") { ProcessThenDrop = true });

        await Assert.ThrowsAsync<HttpRequestException>(() => http.RefreshAsync(refreshToken));
        var (status, body) = await http.RefreshAsync(refreshToken);

        Assert.Equal((HttpStatusCode.BadRequest, "invalid_grant"), (status, EmulatorHttp.Text(body, "error")));
        Assert.Equal(1, emulator.Control.RefreshTokenReuseCount);
    }

    [Fact]
    public async Task Fault_Delay_AnswersLateButNormally()
    {
        await using var emulator = await XaiEmulator.StartAsync(ct: Ct);
        using var http = new EmulatorHttp(emulator);
        emulator.Control.AddFault(new EmulatorFault("/.well-known/openid-configuration") { DelayMilliseconds = 30 });
        var started = TimeProvider.System.GetTimestamp();

        var (status, _) = await http.GetJsonAsync("/.well-known/openid-configuration");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(TimeProvider.System.GetElapsedTime(started) >= TimeSpan.FromMilliseconds(25));
    }

    [Fact]
    public async Task Fault_DelayLongerThanClientTimeout_TimesTheClientOut()
    {
        await using var emulator = await XaiEmulator.StartAsync(ct: Ct);
        using var client = new HttpClient { BaseAddress = emulator.BaseUrl, Timeout = TimeSpan.FromMilliseconds(50) };
        emulator.Control.AddFault(new EmulatorFault("/v1/models") { DelayMilliseconds = 2000 });

        await Assert.ThrowsAsync<TaskCanceledException>(() => client.GetAsync(new Uri("/v1/models", UriKind.Relative), Ct));
    }
}
