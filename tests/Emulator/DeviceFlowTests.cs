using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using XaiGrok.Emulator;
using Xunit;

namespace XaiGrok.Onboarding.Tests.Emulator;

public sealed class DeviceFlowTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task DeviceAuthorization_AnswersCodesIntervalAndNoStore()
    {
        await using var emulator = await XaiEmulator.StartAsync(ct: Ct);
        using var http = new EmulatorHttp(emulator);
        using var content = new FormUrlEncodedContent([KeyValuePair.Create("client_id", "c")]);

        using var response = await http.Client.PostAsync(new Uri("/oauth2/device/code", UriKind.Relative), content, Ct);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!.AsObject();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl?.NoStore);
        Assert.Matches("^[A-Za-z0-9_-]{43,}$", EmulatorHttp.Text(body, "device_code"));
        var userCode = EmulatorHttp.Text(body, "user_code");
        Assert.Matches("^[BCDFGHJKLMNPQRSTVWXZ]{4}-[BCDFGHJKLMNPQRSTVWXZ]{4}$", userCode);
        Assert.Equal(userCode, emulator.Control.LatestUserCode);
        Assert.Equal(emulator.Issuer + "/oauth2/device", EmulatorHttp.Text(body, "verification_uri"));
        Assert.Equal(emulator.Issuer + "/oauth2/device?user_code=" + userCode, EmulatorHttp.Text(body, "verification_uri_complete"));
        Assert.Equal(900, body["expires_in"]!.GetValue<int>());
        Assert.Equal(5, body["interval"]!.GetValue<int>());
    }

    [Fact]
    public async Task DeviceAuthorization_OmitInterval_LeavesItOut()
    {
        await using var emulator = await XaiEmulator.StartAsync(new EmulatorOptions { OmitInterval = true }, Ct);
        using var http = new EmulatorHttp(emulator);

        var body = await http.StartDeviceFlowAsync();

        Assert.False(body.ContainsKey("interval"));
    }

    [Fact]
    public async Task DeviceAuthorization_NonFormBodyOrMissingClient_IsRejected()
    {
        await using var emulator = await XaiEmulator.StartAsync(new EmulatorOptions { ExpectedClientId = EmulatorHttp.ClientId }, Ct);
        using var http = new EmulatorHttp(emulator);
        using var json = new StringContent("{\"client_id\":\"test-client\"}", MediaTypeHeaderValue.Parse("application/json"));

        using var jsonResponse = await http.Client.PostAsync(new Uri("/oauth2/device/code", UriKind.Relative), json, Ct);
        var (missingStatus, missing) = await http.PostFormAsync("/oauth2/device/code", ("scope", "openid"));
        var (otherStatus, other) = await http.PostFormAsync("/oauth2/device/code", ("client_id", "someone-else"));
        var (scopeStatus, scope) = await http.PostFormAsync("/oauth2/device/code", ("client_id", EmulatorHttp.ClientId), ("scope", "openid admin"));

        Assert.Equal(HttpStatusCode.BadRequest, jsonResponse.StatusCode);
        Assert.Contains("invalid_request", await jsonResponse.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal((HttpStatusCode.BadRequest, "invalid_client"), (missingStatus, EmulatorHttp.Text(missing, "error")));
        Assert.Equal((HttpStatusCode.BadRequest, "invalid_client"), (otherStatus, EmulatorHttp.Text(other, "error")));
        Assert.Equal((HttpStatusCode.BadRequest, "invalid_scope"), (scopeStatus, EmulatorHttp.Text(scope, "error")));
    }

    [Fact]
    public async Task Poll_PendingThenApproved_IssuesTokensVerifiableAgainstJwks()
    {
        var clock = new FakeTimeProvider();
        await using var emulator = await XaiEmulator.StartAsync(new EmulatorOptions { TimeProvider = clock }, Ct);
        using var http = new EmulatorHttp(emulator);
        var flow = await http.StartDeviceFlowAsync();
        var deviceCode = EmulatorHttp.Text(flow, "device_code");

        var (pendingStatus, pending) = await http.PollAsync(deviceCode);
        emulator.Control.Approve(EmulatorHttp.Text(flow, "user_code"), tier: 4);
        clock.Advance(TimeSpan.FromSeconds(5));
        var (status, token) = await http.PollAsync(deviceCode);

        Assert.Equal((HttpStatusCode.BadRequest, "authorization_pending"), (pendingStatus, EmulatorHttp.Text(pending, "error")));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Bearer", EmulatorHttp.Text(token, "token_type"));
        Assert.Equal(21600, token["expires_in"]!.GetValue<int>());
        Assert.False(string.IsNullOrEmpty(EmulatorHttp.Text(token, "refresh_token")));
        Assert.Contains("offline_access", EmulatorHttp.Text(token, "scope"), StringComparison.Ordinal);

        var claims = await JwtTestVerifier.VerifyAsync(http.Client, EmulatorHttp.Text(token, "access_token"));
        Assert.Equal(JsonValueKind.Number, claims["tier"]!.GetValueKind());
        Assert.Equal(4, claims["tier"]!.GetValue<int>());
        Assert.Equal(emulator.Issuer, EmulatorHttp.Text(claims, "iss"));
        Assert.Equal(EmulatorHttp.ClientId, EmulatorHttp.Text(claims, "aud"));
        Assert.Equal(clock.GetUtcNow().ToUnixTimeSeconds(), claims["iat"]!.GetValue<long>());
        Assert.Equal(21600, claims["exp"]!.GetValue<long>() - claims["iat"]!.GetValue<long>());
        Assert.StartsWith("user-", EmulatorHttp.Text(claims, "sub"), StringComparison.Ordinal);
        Assert.Contains('@', EmulatorHttp.Text(claims, "email"));
        Assert.False(string.IsNullOrEmpty(EmulatorHttp.Text(claims, "jti")));

        var idClaims = await JwtTestVerifier.VerifyAsync(http.Client, EmulatorHttp.Text(token, "id_token"));
        Assert.Equal(EmulatorHttp.Text(claims, "sub"), EmulatorHttp.Text(idClaims, "sub"));
        Assert.Equal(EmulatorHttp.ClientId, EmulatorHttp.Text(idClaims, "aud"));
    }

    [Fact]
    public async Task Poll_SoonerThanInterval_AnswersSlowDownAndAddsFiveSeconds()
    {
        var clock = new FakeTimeProvider();
        await using var emulator = await XaiEmulator.StartAsync(new EmulatorOptions { TimeProvider = clock }, Ct);
        using var http = new EmulatorHttp(emulator);
        var deviceCode = EmulatorHttp.Text(await http.StartDeviceFlowAsync(), "device_code");

        var first = await http.PollAsync(deviceCode);
        clock.Advance(TimeSpan.FromSeconds(4));
        var tooSoon = await http.PollAsync(deviceCode);
        clock.Advance(TimeSpan.FromSeconds(9));
        var stillTooSoon = await http.PollAsync(deviceCode);
        clock.Advance(TimeSpan.FromSeconds(15));
        var patient = await http.PollAsync(deviceCode);

        Assert.Equal("authorization_pending", EmulatorHttp.Text(first.Body, "error"));
        Assert.Equal("slow_down", EmulatorHttp.Text(tooSoon.Body, "error"));
        Assert.Equal("slow_down", EmulatorHttp.Text(stillTooSoon.Body, "error"));
        Assert.Equal("authorization_pending", EmulatorHttp.Text(patient.Body, "error"));
    }

    [Fact]
    public async Task Poll_EnforcePollIntervalOff_NeverSlowsDown()
    {
        await using var emulator = await XaiEmulator.StartAsync(new EmulatorOptions { TimeProvider = new FakeTimeProvider(), EnforcePollInterval = false }, Ct);
        using var http = new EmulatorHttp(emulator);
        var deviceCode = EmulatorHttp.Text(await http.StartDeviceFlowAsync(), "device_code");

        await http.PollAsync(deviceCode);
        var (_, second) = await http.PollAsync(deviceCode);

        Assert.Equal("authorization_pending", EmulatorHttp.Text(second, "error"));
    }

    [Fact]
    public async Task Poll_AfterDeny_AnswersAccessDenied()
    {
        await using var emulator = await XaiEmulator.StartAsync(ct: Ct);
        using var http = new EmulatorHttp(emulator);
        var flow = await http.StartDeviceFlowAsync();

        emulator.Control.Deny(EmulatorHttp.Text(flow, "user_code"));
        var (status, body) = await http.PollAsync(EmulatorHttp.Text(flow, "device_code"));

        Assert.Equal((HttpStatusCode.BadRequest, "access_denied"), (status, EmulatorHttp.Text(body, "error")));
    }

    [Fact]
    public async Task Poll_AfterExpireOrPastExpiresIn_AnswersExpiredToken()
    {
        var clock = new FakeTimeProvider();
        await using var emulator = await XaiEmulator.StartAsync(new EmulatorOptions { TimeProvider = clock }, Ct);
        using var http = new EmulatorHttp(emulator);
        var expired = await http.StartDeviceFlowAsync();
        var timedOut = await http.StartDeviceFlowAsync();

        emulator.Control.Expire(EmulatorHttp.Text(expired, "user_code"));
        var (_, expiredBody) = await http.PollAsync(EmulatorHttp.Text(expired, "device_code"));
        clock.Advance(TimeSpan.FromSeconds(900));
        var (_, timedOutBody) = await http.PollAsync(EmulatorHttp.Text(timedOut, "device_code"));

        Assert.Equal("expired_token", EmulatorHttp.Text(expiredBody, "error"));
        Assert.Equal("expired_token", EmulatorHttp.Text(timedOutBody, "error"));
        Assert.Throws<InvalidOperationException>(() => emulator.Control.Approve(EmulatorHttp.Text(timedOut, "user_code"), 1));
    }

    [Fact]
    public async Task Poll_UsedUnknownOrOtherClientsCode_AnswersInvalidGrant()
    {
        await using var emulator = await XaiEmulator.StartAsync(new EmulatorOptions { EnforcePollInterval = false }, Ct);
        using var http = new EmulatorHttp(emulator);
        var flow = await http.StartDeviceFlowAsync();
        emulator.Control.Approve(EmulatorHttp.Text(flow, "user_code"), 1);
        var deviceCode = EmulatorHttp.Text(flow, "device_code");

        var (otherClientStatus, otherClient) = await http.PollAsync(deviceCode, "another-client");
        var (firstStatus, _) = await http.PollAsync(deviceCode);
        var (_, again) = await http.PollAsync(deviceCode);
        var (_, unknown) = await http.PollAsync("not-a-device-code");

        Assert.Equal((HttpStatusCode.BadRequest, "invalid_grant"), (otherClientStatus, EmulatorHttp.Text(otherClient, "error")));
        Assert.Equal(HttpStatusCode.OK, firstStatus);
        Assert.Equal("invalid_grant", EmulatorHttp.Text(again, "error"));
        Assert.Equal("invalid_grant", EmulatorHttp.Text(unknown, "error"));
    }

    [Fact]
    public async Task Token_WrongClientOrUnsupportedGrant_IsRefused()
    {
        await using var emulator = await XaiEmulator.StartAsync(new EmulatorOptions { ExpectedClientId = EmulatorHttp.ClientId }, Ct);
        using var http = new EmulatorHttp(emulator);
        var deviceCode = EmulatorHttp.Text(await http.StartDeviceFlowAsync(), "device_code");

        var (_, wrongClient) = await http.PollAsync(deviceCode, "someone-else");
        var (_, password) = await http.PostFormAsync("/oauth2/token", ("grant_type", "password"), ("client_id", EmulatorHttp.ClientId));
        var (_, twice) = await http.PostFormAsync("/oauth2/token", ("grant_type", "refresh_token"), ("grant_type", "refresh_token"), ("client_id", EmulatorHttp.ClientId));

        Assert.Equal("invalid_client", EmulatorHttp.Text(wrongClient, "error"));
        Assert.Equal("unsupported_grant_type", EmulatorHttp.Text(password, "error"));
        Assert.Equal("invalid_request", EmulatorHttp.Text(twice, "error"));
    }
}
