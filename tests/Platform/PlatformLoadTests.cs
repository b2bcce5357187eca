using XaiGrok.Emulator;
using Xunit;

namespace XaiGrok.Onboarding.Tests.Platform;

/// <summary>
/// The platform under load, counted at the emulator (counts, never times): many users chatting at once on a small
/// connection pool while every token expires, by its lifetime and at the server. The bench's load driver
/// (<c>bench platform-load</c>) is the same run at 2,000 calls over 200 users.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class PlatformLoadTests
{
    private const int TokenLifetimeSeconds = 600;

    private static readonly ChatMessage[] Hello = [ChatMessage.User("hello")];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact(Timeout = 120_000)]
    public async Task ExpiredToken_OnAPoolOfOneConnection_IsRefreshedNotStuckBehindTheRefusalItsConnectionHolds()
    {
        await using var rig = await PlatformRig.StartAsync(o => o with { MaxConnectionsPerServer = 1 });
        await rig.ConnectAsync("alice");
        rig.Emulator.Control.ExpireAccessTokens();

        // The 401's connection is the pool's only one: while the refusal holds it, the refresh waits for it forever
        // (the fake clock fires no timeout). A generous real bound turns that hang into a failure.
        var chat = rig.AdvancingAsync(rig.Platform.ForUser("alice").ChatAsync(null, Hello, cancellationToken: Ct));
        var finished = await Task.WhenAny(chat, Task.Delay(TimeSpan.FromSeconds(30), Ct));

        Assert.Same(chat, finished);
        var answer = await chat;
        Assert.True(answer.Ok, answer.ToJson());
        Assert.Equal(1, rig.Emulator.Control.Count("grant:refresh_token"));
        Assert.InRange(rig.Emulator.Control.PeakConnections, 1, 1);
    }

    // A bound, not a timing: before the pool fix this run hung (the fake clock fires no request timeout).
    [Fact(Timeout = 240_000)]
    public async Task FourHundredCallsOverFortyUsers_TokensExpiringTwice_OneRefreshPerUserPerExpiryNoReuseCappedPoolOneDiscovery()
    {
        const int users = 40, calls = 400, cap = 4;
        await using var rig = await PlatformRig.StartAsync(
            o => o with { MaxConnectionsPerServer = cap, EarlyRefreshSeconds = 60 },
            new EmulatorOptions { AccessTokenLifetimeSeconds = TokenLifetimeSeconds });
        var ids = Enumerable.Range(1, users).Select(n => $"load-{n}").ToArray();
        foreach (var id in ids)
        {
            await rig.ConnectAsync(id);
        }

        // A third of the calls; then every token passes its lifetime (between calls: a fake clock's jump would fire the
        // timeouts of requests in flight); then the rest, during which the server expires every token, requests in flight.
        var first = await rig.AdvancingAsync(DriveAsync(rig, ids, 0, calls / 3, expireAt: -1));
        rig.Clock.Advance(TimeSpan.FromSeconds(TokenLifetimeSeconds));
        var rest = await rig.AdvancingAsync(DriveAsync(rig, ids, calls / 3, calls, expireAt: 2 * calls / 3));

        Assert.All(first.Concat(rest), answer => Assert.True(answer.Ok, answer.ToJson()));
        var control = rig.Emulator.Control;
        Assert.Equal(2 * users, control.Count("grant:refresh_token"));
        Assert.Equal(0, control.RefreshTokenReuseCount);
        Assert.InRange(control.PeakConnections, 1, cap);
        Assert.Equal(1, control.Count("/.well-known/openid-configuration"));
    }

    /// <summary>Calls <paramref name="from"/> to <paramref name="to"/> (call i for user i mod users) at concurrency 32.</summary>
    private static async Task<SkillResult[]> DriveAsync(PlatformRig rig, string[] ids, int from, int to, int expireAt)
    {
        var answers = new SkillResult[to - from];
        await Parallel.ForAsync(from, to, new ParallelOptions { MaxDegreeOfParallelism = 32, CancellationToken = Ct }, async (i, ct) =>
        {
            if (i == expireAt)
            {
                rig.Emulator.Control.ExpireAccessTokens();
            }

            answers[i - from] = await rig.Platform.ForUser(ids[i % ids.Length]).ChatAsync(null, Hello, cancellationToken: ct);
        });
        return answers;
    }
}
