using XaiGrok.Onboarding.Tests.Integration;
using Xunit;

namespace XaiGrok.Onboarding.Tests.PostgreSql;

/// <summary>
/// A lock's holder reads and writes on the lock's own connection: a refresh or a poll needs one connection, so a burst
/// as large as the pool cannot hold every connection for locks and wait for one more to read with. A pool of one
/// connection shows it without a race: before, the read under the lock waited for a second connection until the
/// pool's timeout.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresPoolTests(PostgresServer server)
{
    private const int PoolTimeoutSeconds = 5;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ARefresh_OnAPoolOfOneConnection_ReadsAndWritesUnderItsLock()
    {
        await using var rig = await Rig.StartAsync();
        await using var replicas = await PostgresReplicas.StartAsync(server, rig);
        await rig.ConnectAsync(new GrokOnboarding(await replicas.RuntimeAsync("user-pool")));
        using var narrow = new GrokOnboarding(await replicas.RuntimeAsync("user-pool", OneConnection));

        var refreshed = await narrow.RefreshAsync(Ct);

        Assert.True(refreshed.Ok, refreshed.ToJson());
        Assert.Equal(1, rig.Emulator.Control.Count("grant:refresh_token"));
        Assert.Equal(0, rig.Emulator.Control.RefreshTokenReuseCount);
    }

    [Fact]
    public async Task APoll_OnAPoolOfOneConnection_ReadsTheSignInUnderItsLock()
    {
        await using var rig = await Rig.StartAsync();
        await using var replicas = await PostgresReplicas.StartAsync(server, rig);
        using var narrow = new GrokOnboarding(await replicas.RuntimeAsync("user-pool-poll", OneConnection));
        var started = await narrow.StartAsync(Ct);
        Assert.True(started.Ok, started.ToJson());
        rig.Clock.Advance(TimeSpan.FromSeconds((int)started["interval_seconds"]!));

        var polled = await narrow.PollAsync(cancellationToken: Ct);

        Assert.True(polled.Ok, polled.ToJson());
        Assert.Equal("pending", polled["status"]);
    }

    private static void OneConnection(Npgsql.NpgsqlConnectionStringBuilder pool)
    {
        pool.MaxPoolSize = 1;
        pool.Timeout = PoolTimeoutSeconds;
    }
}
