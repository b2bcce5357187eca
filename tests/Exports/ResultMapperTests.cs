using Microsoft.Extensions.Time.Testing;
using XaiGrok.Onboarding.Credentials;
using XaiGrok.Onboarding.DeviceGrant;
using XaiGrok.Onboarding.Errors;
using XaiGrok.Onboarding.Models;
using XaiGrok.Onboarding.Secrets;
using XaiGrok.Onboarding.SignIn;
using XaiGrok.Onboarding.Tests.Support;
using Xunit;

namespace XaiGrok.Onboarding.Tests.Exports;

public sealed class ResultMapperTests
{
    private const string AccessToken = "eyJhbGciOiJSUzI1NiJ9.eyJ0aWVyIjo0fQ.c2lnbmF0dXJlLXZhbHVl";
    private const string RefreshToken = "rt_result_mapper_Zk3pQ9vW2xY7mN4b";
    private const string DeviceCode = "dc_result_mapper_GmRhmhcxhwAzkoEq";
    private static readonly DateTimeOffset Now = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly Dictionary<string, string> Secrets = new()
    {
        ["access token"] = AccessToken,
        ["refresh token"] = RefreshToken,
        ["device code"] = DeviceCode,
    };

    private static Credential Credential(long? tier = 4) => new()
    {
        Source = CredentialSources.OAuth,
        AccessToken = AccessToken,
        RefreshToken = RefreshToken,
        ExpiresAt = Now.AddHours(6),
        ObtainedAt = Now,
        Tier = tier,
        Subject = "user-1",
    };

    private static PendingFlow Flow() => new()
    {
        PendingId = "p-123",
        Issuer = "https://auth.x.ai",
        ClientId = "client",
        TokenEndpoint = "https://auth.x.ai/oauth2/token",
        DeviceCode = DeviceCode,
        UserCode = "WDJB-MJHT",
        VerificationUri = "https://accounts.x.ai/device",
        VerificationUriComplete = "https://accounts.x.ai/device?user_code=WDJB-MJHT",
        CreatedAt = Now,
        ExpiresAt = Now.AddMinutes(30),
        IntervalSeconds = 5,
        NextPollAt = Now.AddSeconds(5),
    };

    [Fact]
    public void Fail_HasOkErrorDetailHintInThatOrder()
    {
        var result = ResultMapper.Fail(new Failure(ErrorCodes.Forbidden, "refused", "do this"));

        Assert.Equal(["ok", "error", "detail", "hint"], result.Keys);
        Assert.False(result.Ok);
        Assert.Equal("forbidden", result.Error);
        Assert.Equal("refused", result["detail"]);
        Assert.Equal("do this", result["hint"]);
    }

    [Fact]
    public void Fail_WithRetryAfter_AddsRetryAfterSeconds()
    {
        var result = ResultMapper.Fail(new Failure(ErrorCodes.RateLimited, "slow", "wait") { RetryAfterSeconds = 12 });

        Assert.Equal(12, result["retry_after_seconds"]);
        Assert.Contains("\"retry_after_seconds\":12", result.ToJson(indented: false), StringComparison.Ordinal);
    }

    [Fact]
    public void Fail_WithoutHintOrRetry_CarriesTheCodesHint_AndLeavesRetryOut()
    {
        var result = ResultMapper.Fail(new Failure(ErrorCodes.InvalidResponse, "bad"));

        Assert.Equal(["ok", "error", "detail", "hint"], result.Keys);
        Assert.Equal(CodeHints.For(ErrorCodes.InvalidResponse), result["hint"]);
    }

    [Fact]
    public void Fail_WithServerError_AddsIt() =>
        Assert.Equal("invalid_scope", ResultMapper.Fail(new Failure(ErrorCodes.OAuthError, "refused") { ServerError = "invalid_scope" })["server_error"]);

    [Fact]
    public void Polled_Connected_TellsToRefreshTheBrowserAndGivesTheDefaultModel()
    {
        var result = ResultMapper.Polled(GrokSignInProgress.From(new PollResult { Connected = true, Credential = Credential() }, null, new FakeTimeProvider(Now), new SecretRegistry()));

        Assert.True(result.Ok);
        Assert.Equal("connected", result["status"]);
        Assert.Equal("xai-grok/grok-4.3", result["default_model_id"]);
        Assert.Contains("refresh your browser page", (string)result["message"]!, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(4L, result["tier"]);
        Assert.Equal("X Premium+", result["subscription"]);
        Assert.Equal(Now.AddHours(6), result["expires_at"]);
        SecretScan.AssertAbsent(result.ToJson(), Secrets);
    }

    [Fact]
    public void Polled_ConnectedWithUnknownTier_SaysUnknown()
    {
        var result = ResultMapper.Polled(GrokSignInProgress.From(new PollResult { Connected = true, Credential = Credential(tier: null) }, null, new FakeTimeProvider(Now), new SecretRegistry()));

        Assert.Null(result["tier"]);
        Assert.Equal("unknown", result["subscription"]);
    }

    [Fact]
    public void Polled_ConnectedWithModels_ListsThemWithLanes()
    {
        // On SuperGrok Heavy the unlisted multi-agent model is offered too, with listed: false.
        var list = ModelCatalog.Offer(ModelCatalog.Build(["grok-4.3", "grok-imagine-video"], Now), XaiGrok.Onboarding.Tiers.TierTable.HighestTier, ModelAccessFacts.None);
        var result = ResultMapper.Polled(GrokSignInProgress.From(new PollResult { Connected = true, Credential = Credential(), Models = new ModelsView(list, false) }, null, new FakeTimeProvider(Now), new SecretRegistry()));

        var json = result.ToJson(indented: false);
        Assert.Contains("""{"id":"xai-grok/grok-4.3","upstream_id":"grok-4.3","lane":"chat_completions","kind":"chat","listed":true}""", json, StringComparison.Ordinal);
        Assert.Contains("""{"id":"xai-grok/grok-4.20-multi-agent-0309","upstream_id":"grok-4.20-multi-agent-0309","lane":"responses","kind":"chat","listed":false}""", json, StringComparison.Ordinal);
        Assert.Contains("\"media_models\":[{\"id\":\"xai-grok/grok-imagine-video\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Polled_Pending_GivesRetryAfterAndNeverTheDeviceCode()
    {
        var clock = new FakeTimeProvider(Now.AddMinutes(10));
        var result = ResultMapper.Polled(GrokSignInProgress.From(new PollResult { Connected = false, Flow = Flow(), RetryAfterSeconds = 5 }, null, clock, new SecretRegistry()));

        Assert.True(result.Ok);
        Assert.Equal("pending", result["status"]);
        Assert.Equal(5, result["retry_after_seconds"]);
        Assert.Equal(1200L, result["expires_in_seconds"]);
        Assert.Equal("WDJB-MJHT", result["user_code"]);
        SecretScan.AssertAbsent(result.ToJson(), Secrets);
    }
}
