using XaiGrok.Onboarding.Tests.Integration;
using Xunit;

namespace XaiGrok.Onboarding.Tests.PostgreSql;

/// <summary>
/// A device sign-in across replicas sharing PostgreSQL: <c>start</c> on one, <c>poll</c> on others, and the token
/// endpoint is never asked sooner than the interval allows, whichever replica asks (the emulator enforces the interval
/// and would answer <c>slow_down</c>).
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresSignInTests(PostgresServer server)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ASignInStartedOnOneReplica_IsPolledOnOthers_NeverSoonerThanTheInterval()
    {
        await using var rig = await Rig.StartAsync();
        await using var replicas = await PostgresReplicas.StartAsync(server, rig);
        var modules = new List<GrokOnboarding>();
        for (var i = 0; i < 3; i++)
        {
            modules.Add(new GrokOnboarding(await replicas.RuntimeAsync("user-sign-in")));
        }

        var started = await modules[0].StartAsync(Ct);
        Assert.True(started.Ok, started.ToJson());
        var interval = TimeSpan.FromSeconds((int)started["interval_seconds"]!);

        // Too early on another replica: answered from the stored flow, the token endpoint is not asked.
        var early = await modules[1].PollAsync(cancellationToken: Ct);
        Assert.Equal("pending", early["status"]);
        Assert.Equal(0, rig.Emulator.Control.Count("grant:device_code"));

        // Every replica polls at once once the interval passed: one of them asks, the others see its poll time.
        for (var round = 1; round <= 3; round++)
        {
            rig.Clock.Advance(interval);
            var polls = await Task.WhenAll(modules.SelectMany(module => Enumerable.Range(0, 2).Select(_ => Task.Run(() => module.PollAsync(cancellationToken: Ct), Ct))));

            Assert.All(polls, polled => Assert.Equal("pending", polled["status"]));
            Assert.Equal(round, rig.Emulator.Control.Count("grant:device_code"));
        }

        rig.Emulator.Control.Approve((string)started["user_code"]!, 5);
        rig.Clock.Advance(interval);
        var connected = await modules[2].PollAsync((string)started["pending_id"]!, Ct);

        Assert.Equal("connected", connected["status"]);
        Assert.Equal(4, rig.Emulator.Control.Count("grant:device_code"));
        Assert.All(await Task.WhenAll(modules.Select(module => module.StatusAsync(Ct))), status => Assert.Equal(true, status["connected"]));
    }
    [Fact]
    public async Task ASignInRedeemedOnOneReplica_PolledAgainOnAnother_AnswersConnected()
    {
        await using var rig = await Rig.StartAsync();
        await using var replicas = await PostgresReplicas.StartAsync(server, rig);
        var first = new GrokOnboarding(await replicas.RuntimeAsync("user-completed"));
        var second = new GrokOnboarding(await replicas.RuntimeAsync("user-completed"));
        var started = await first.StartAsync(Ct);
        Assert.True(started.Ok, started.ToJson());
        var pendingId = (string)started["pending_id"]!;
        rig.Emulator.Control.Approve((string)started["user_code"]!, 5);
        rig.Clock.Advance(TimeSpan.FromSeconds((int)started["interval_seconds"]!));

        var redeemed = await first.PollAsync(pendingId, Ct);
        var again = await second.PollAsync(pendingId, Ct);
        var newest = await second.PollAsync(cancellationToken: Ct);

        Assert.Equal("connected", redeemed["status"]);
        Assert.True(again.Ok, again.ToJson());
        Assert.Equal("connected", again["status"]);
        Assert.Equal("connected", newest["status"]);
        Assert.Equal(1, rig.Emulator.Control.Count("grant:device_code"));
    }

    [Fact]
    public async Task ASignInPolledOnTwoReplicasAtOnce_IsRedeemedOnce_AndBothAnswerConnected()
    {
        await using var rig = await Rig.StartAsync();
        await using var replicas = await PostgresReplicas.StartAsync(server, rig);
        var modules = new[] { new GrokOnboarding(await replicas.RuntimeAsync("user-race")), new GrokOnboarding(await replicas.RuntimeAsync("user-race")) };
        var started = await modules[0].StartAsync(Ct);
        Assert.True(started.Ok, started.ToJson());
        var pendingId = (string)started["pending_id"]!;
        rig.Emulator.Control.Approve((string)started["user_code"]!, 5);
        rig.Clock.Advance(TimeSpan.FromSeconds((int)started["interval_seconds"]!));

        var polls = await Task.WhenAll(modules.Select(module => Task.Run(() => module.PollAsync(pendingId, Ct), Ct)));

        Assert.All(polls, polled => Assert.Equal("connected", polled["status"]));
        Assert.Equal(1, rig.Emulator.Control.Count("grant:device_code"));
    }

    [Fact]
    public async Task ACompletedSignIn_AfterLogoutOnAnotherReplica_IsNoLongerConnected()
    {
        await using var rig = await Rig.StartAsync();
        await using var replicas = await PostgresReplicas.StartAsync(server, rig);
        var first = new GrokOnboarding(await replicas.RuntimeAsync("user-logout"));
        var second = new GrokOnboarding(await replicas.RuntimeAsync("user-logout"));
        var started = await first.StartAsync(Ct);
        var pendingId = (string)started["pending_id"]!;
        rig.Emulator.Control.Approve((string)started["user_code"]!, 5);
        rig.Clock.Advance(TimeSpan.FromSeconds((int)started["interval_seconds"]!));
        Assert.Equal("connected", (await first.PollAsync(pendingId, Ct))["status"]);

        Assert.True((await second.LogoutAsync(Ct)).Ok);
        var after = await first.PollAsync(pendingId, Ct);

        Assert.False(after.Ok);
        Assert.Equal("no_pending_flow", after.Error);
    }
}
