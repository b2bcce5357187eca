using XaiGrok.Emulator;
using Xunit;

namespace XaiGrok.Onboarding.Tests.Integration;

public sealed class ModelListTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Models_WithinTheTtl_ComeFromTheCacheAcrossInstances()
    {
        await using var rig = await Rig.StartAsync();
        await rig.ConnectAsync(rig.NewModule());

        var cached = await rig.NewModule().ModelsAsync(cancellationToken: Ct);
        rig.Clock.Advance(TimeSpan.FromSeconds(601));
        var stale = await rig.NewModule().ModelsAsync(cancellationToken: Ct);

        Assert.Equal(true, cached["cached"]);
        Assert.Equal(false, stale["cached"]);
        Assert.Equal(2, rig.Emulator.Control.Count("/v1/models"));
    }

    [Fact]
    public async Task Models_ColdCacheInManyInstances_FetchOnce()
    {
        await using var rig = await Rig.StartAsync();
        await rig.ConnectAsync(rig.NewModule());
        rig.Clock.Advance(TimeSpan.FromSeconds(601));
        rig.Emulator.Control.ResetCounters();

        // The losers of the lock back off on the injected clock, so the clock is moved while they wait.
        var results = await rig.AdvancingAsync(Task.WhenAll(Enumerable.Range(0, 8).Select(_ => rig.NewModule().ModelsAsync(cancellationToken: Ct))));

        Assert.All(results, result => Assert.True(result.Ok));
        Assert.Equal(1, rig.Emulator.Control.Count("/v1/models"));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Models_TokenRejectedAsExpired_RefreshesOnceAndRetriesOnce(bool as403)
    {
        await using var rig = await Rig.StartAsync(new EmulatorOptions { ExpiredTokenAs403 = as403 });
        var module = rig.NewModule();
        await rig.ConnectAsync(module);
        rig.Emulator.Control.ExpireAccessTokens();
        rig.Emulator.Control.ResetCounters();

        var models = await module.ModelsAsync(force: true, Ct);

        Assert.True(models.Ok, models.ToJson());
        Assert.Equal(1, rig.Emulator.Control.Count("grant:refresh_token"));
        Assert.Equal(2, rig.Emulator.Control.Count("/v1/models"));
    }

    [Fact]
    public async Task Models_EntitlementRefusal_IsForbiddenWithoutARefresh()
    {
        await using var rig = await Rig.StartAsync();
        var started = await rig.NewModule().StartAsync(Ct);
        rig.Emulator.Control.Approve((string)started["user_code"]!, tier: 0);
        rig.Clock.Advance(TimeSpan.FromSeconds(5));
        var connected = await rig.NewModule().PollAsync(cancellationToken: Ct);

        var models = await rig.NewModule().ModelsAsync(force: true, Ct);

        Assert.Equal("connected", connected["status"]);
        Assert.Equal("forbidden", connected["models_error"]);
        Assert.Equal("forbidden", models.Error);
        Assert.Contains("console.x.ai", (string)models["hint"]!, StringComparison.Ordinal);
        Assert.Equal(0, rig.Emulator.Control.Count("grant:refresh_token"));
    }

    [Fact]
    public async Task Models_RateLimitedBeyondTheCap_ReportsRetryAfter()
    {
        await using var rig = await Rig.StartAsync();
        var module = rig.NewModule();
        await rig.ConnectAsync(module);
        rig.Emulator.Control.AddFault(new EmulatorFault("/v1/models") { Status = 429, RetryAfter = "300" });

        var models = await module.ModelsAsync(force: true, Ct);

        Assert.Equal("rate_limited", models.Error);
        Assert.Equal(300, models["retry_after_seconds"]);
    }

    [Fact]
    public async Task Models_RateLimitedBriefly_WaitsRetryAfterAndSucceeds()
    {
        await using var rig = await Rig.StartAsync();
        var module = rig.NewModule();
        await rig.ConnectAsync(module);
        rig.Emulator.Control.ResetCounters();
        rig.Emulator.Control.AddFault(new EmulatorFault("/v1/models") { Status = 429, RetryAfter = "2" });

        var models = await rig.AdvancingAsync(module.ModelsAsync(force: true, Ct));

        Assert.True(models.Ok, models.ToJson());
        Assert.Equal(2, rig.Emulator.Control.Count("/v1/models"));
    }
}
