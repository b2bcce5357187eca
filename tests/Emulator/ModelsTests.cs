using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using XaiGrok.Emulator;
using Xunit;

namespace XaiGrok.Onboarding.Tests.Emulator;

public sealed class ModelsTests
{
    private const string Base = "grok-4.3,grok-imagine-image";
    private const string Full = Base + ",grok-4.20-0309-reasoning,grok-4.20-0309-non-reasoning,grok-imagine-video";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(1, Full)]
    [InlineData(2, Base)]
    [InlineData(3, Base)]
    [InlineData(4, Full)]
    [InlineData(5, Full + ",grok-build-0.1")]
    [InlineData(6, Base)]
    [InlineData(7, Full)]
    public async Task Models_ListWhatTheTierUnlocks(int tier, string expected)
    {
        await using var emulator = await XaiEmulator.StartAsync(ct: Ct);
        using var http = new EmulatorHttp(emulator);
        var token = EmulatorHttp.Text(await http.SignInAsync(tier), "access_token");

        var (status, body) = await http.GetJsonAsync("/v1/models", token);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("list", EmulatorHttp.Text(body, "object"));
        var models = body["data"]!.AsArray().Select(m => m!.AsObject()).ToList();
        Assert.Equal(expected.Split(',').Order(StringComparer.Ordinal), models.Select(m => EmulatorHttp.Text(m, "id")).Order(StringComparer.Ordinal));
        Assert.All(models, m => Assert.Equal(("model", "xai"), (EmulatorHttp.Text(m, "object"), EmulatorHttp.Text(m, "owned_by"))));
        Assert.All(models, m => Assert.True(m["created"]!.GetValue<long>() > 0));
    }

    [Fact]
    public async Task Models_TierZero_IsForbiddenWithoutSubscription()
    {
        await using var emulator = await XaiEmulator.StartAsync(ct: Ct);
        using var http = new EmulatorHttp(emulator);
        var token = EmulatorHttp.Text(await http.SignInAsync(tier: 0), "access_token");

        var (status, body) = await http.GetJsonAsync("/v1/models", token);

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal("permission-denied", EmulatorHttp.Text(body, "code"));
        Assert.Equal("The caller does not have permission: no active Grok subscription", EmulatorHttp.Text(body, "error"));
    }

    [Fact]
    public async Task Models_MissingForgedOrUnknownToken_Answers401()
    {
        await using var emulator = await XaiEmulator.StartAsync(ct: Ct);
        await using var other = await XaiEmulator.StartAsync(ct: Ct);
        using var http = new EmulatorHttp(emulator);
        using var otherHttp = new EmulatorHttp(other);
        var foreignToken = EmulatorHttp.Text(await otherHttp.SignInAsync(tier: 5), "access_token");

        var missing = await http.GetJsonAsync("/v1/models");
        var garbage = await http.GetJsonAsync("/v1/models", "not.a.jwt");
        var foreign = await http.GetJsonAsync("/v1/models", foreignToken);
        var unknownKey = await http.GetJsonAsync("/v1/models", "xai-unknown");

        Assert.All([missing, garbage, foreign, unknownKey], r => Assert.Equal((HttpStatusCode.Unauthorized, "unauthenticated"), (r.Status, EmulatorHttp.Text(r.Body, "code"))));
    }

    [Theory]
    [InlineData(false, HttpStatusCode.Unauthorized, "unauthenticated")]
    [InlineData(true, HttpStatusCode.Forbidden, "unauthenticated:bad-credentials")]
    public async Task Models_ExpiredToken_AnswersAsConfigured(bool as403, HttpStatusCode expectedStatus, string expectedCode)
    {
        var clock = new FakeTimeProvider();
        await using var emulator = await XaiEmulator.StartAsync(new EmulatorOptions { TimeProvider = clock, AccessTokenLifetimeSeconds = 900, ExpiredTokenAs403 = as403 }, Ct);
        using var http = new EmulatorHttp(emulator);
        var byClock = EmulatorHttp.Text(await http.SignInAsync(tier: 1), "access_token");
        clock.Advance(TimeSpan.FromSeconds(900));
        var byControl = EmulatorHttp.Text(await http.SignInAsync(tier: 1), "access_token");
        emulator.Control.ExpireAccessTokens();
        var fresh = EmulatorHttp.Text(await http.SignInAsync(tier: 1), "access_token");

        var clockResult = await http.GetJsonAsync("/v1/models", byClock);
        var controlResult = await http.GetJsonAsync("/v1/models", byControl);
        var freshResult = await http.GetJsonAsync("/v1/models", fresh);

        Assert.Equal((expectedStatus, expectedCode), (clockResult.Status, EmulatorHttp.Text(clockResult.Body, "code")));
        Assert.Equal((expectedStatus, expectedCode), (controlResult.Status, EmulatorHttp.Text(controlResult.Body, "code")));
        Assert.Equal(HttpStatusCode.OK, freshResult.Status);
    }

    [Fact]
    public async Task Models_ApiKey_SeesHeavyListPlusMultiAgent()
    {
        await using var emulator = await XaiEmulator.StartAsync(new EmulatorOptions { ApiKeys = ["xai-test-key"] }, Ct);
        using var http = new EmulatorHttp(emulator);

        var (status, body) = await http.GetJsonAsync("/v1/models", "xai-test-key");

        Assert.Equal(HttpStatusCode.OK, status);
        var ids = body["data"]!.AsArray().Select(m => EmulatorHttp.Text(m!.AsObject(), "id")).ToList();
        Assert.Contains("grok-4.20-multi-agent-0309", ids);
        Assert.Contains("grok-build-0.1", ids);
        Assert.Equal(7, ids.Count);
    }

    [Fact]
    public async Task Models_MultiAgentModel_IsNeverListedForOAuth()
    {
        await using var emulator = await XaiEmulator.StartAsync(ct: Ct);
        using var http = new EmulatorHttp(emulator);
        var token = EmulatorHttp.Text(await http.SignInAsync(tier: 5), "access_token");

        var (_, body) = await http.GetJsonAsync("/v1/models", token);

        Assert.DoesNotContain(body["data"]!.AsArray(), m => m!["id"]!.GetValue<string>().Contains("multi-agent", StringComparison.Ordinal));
        Assert.IsType<JsonArray>(body["data"]);
    }
}
