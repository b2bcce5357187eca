using System.Diagnostics;
using System.Globalization;
using XaiGrok.Emulator;

namespace XaiGrok.Onboarding.Bench.Platform;

/// <summary>
/// The load driver: CALLS chat calls spread over USERS platform users at concurrency 32, on a pool capped at
/// <see cref="MaxConnections"/>, with every access token expiring twice during the run: once by its lifetime (the
/// shared clock jumps past it: each user's next call refreshes ahead of the request) and once at the server
/// (<c>ExpireAccessTokens</c>: the next request is refused and refreshed once). The emulator runs in this process on
/// the same clock, and counts: refreshes, refresh-token reuse, discovery fetches, peak TCP connections.
/// </summary>
internal static class PlatformLoad
{
    public const int MaxConnections = 8;
    public const int Concurrency = 32;
    private const int TokenLifetimeSeconds = 600;

    public static async Task<int> RunAsync(int calls, int users)
    {
        var clock = new JumpingClock();
        await using var emulator = await XaiEmulator.StartAsync(new EmulatorOptions { TimeProvider = clock, PollIntervalSeconds = 1, AccessTokenLifetimeSeconds = TokenLifetimeSeconds });
        var root = Path.Combine(Path.GetTempPath(), "xai-grok-bench-load-" + Guid.NewGuid().ToString("N"));
        try
        {
            using var platform = new GrokPlatform(new GrokPlatformOptions
            {
                Issuer = new Uri(emulator.Issuer),
                ClientId = "bench-client",
                ApiBaseUrl = new Uri(emulator.ApiBaseUrl),
                StateRoot = root,
                MaxConnectionsPerServer = MaxConnections,
                EarlyRefreshSeconds = 60,
            }, clock);
            var ids = Enumerable.Range(1, users).Select(n => $"load-user-{n}").ToArray();
            var connecting = Stopwatch.StartNew();
            await ConnectAsync(platform, ids, emulator, clock);
            connecting.Stop();

            var result = await DriveAsync(platform, ids, calls, emulator, clock);
            var control = emulator.Control;
            var refreshes = control.Count("grant:refresh_token");
            var discovery = control.Count("/.well-known/openid-configuration");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
                load: {calls} chat calls over {users} users at concurrency {Concurrency}, pool cap {MaxConnections}, every token expired twice during the run
                  connected {users} users in {connecting.Elapsed.TotalSeconds:F1} s; calls took {result.Elapsed.TotalSeconds:F1} s ({calls / result.Elapsed.TotalSeconds:F0} calls/s), failed {result.Failed}
                  refreshes {refreshes} (expected {2 * users}: one per user per expiry) {(refreshes == 2 * users ? "PASS" : "FAIL")}
                  refresh-token reuse {control.RefreshTokenReuseCount} (expected 0) {(control.RefreshTokenReuseCount == 0 ? "PASS" : "FAIL")}
                  peak TCP connections {control.PeakConnections} (cap {MaxConnections}) {(control.PeakConnections <= MaxConnections ? "PASS" : "FAIL")}
                  discovery fetches {discovery} (expected 1 per issuer per TTL) {(discovery == 1 ? "PASS" : "FAIL")}
                  chat requests at the API {control.Count("/v1/chat/completions")} (the calls, and one retry for each request the server refused after its expiry)
                """));
            return result.Failed == 0 && refreshes == 2 * users && control.RefreshTokenReuseCount == 0 && control.PeakConnections <= MaxConnections && discovery == 1 ? 0 : 1;
        }
        finally
        {
            if (Directory.Exists(root))
            {
                Directory.Delete(root, recursive: true);
            }
        }
    }

    /// <summary>
    /// Call i goes to user i mod USERS. At a third of the calls the clock jumps past every token's lifetime, at two thirds
    /// the server expires every token; both while requests are in flight.
    /// </summary>
    public static async Task<(TimeSpan Elapsed, int Failed)> DriveAsync(GrokPlatform platform, IReadOnlyList<string> ids, int calls, XaiEmulator emulator, JumpingClock clock)
    {
        ChatMessage[] hello = [ChatMessage.User("hello")];
        var failed = 0;
        var next = -1;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Concurrency).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < calls)
            {
                if (i == calls / 3)
                {
                    clock.Advance(TimeSpan.FromSeconds(TokenLifetimeSeconds));
                }
                else if (i == 2 * calls / 3)
                {
                    emulator.Control.ExpireAccessTokens();
                }

                var answer = await platform.ForUser(ids[i % ids.Count]).ChatAsync(null, hello);
                if (!answer.Ok)
                {
                    Interlocked.Increment(ref failed);
                    Console.Error.WriteLine(answer.ToJson(indented: false));
                }
            }
        })));
        return (watch.Elapsed, failed);
    }

    private static async Task ConnectAsync(GrokPlatform platform, string[] ids, XaiEmulator emulator, JumpingClock clock)
    {
        var pending = new (string Id, string PendingId)[ids.Length];
        await Parallel.ForAsync(0, ids.Length, new ParallelOptions { MaxDegreeOfParallelism = Concurrency }, async (i, _) =>
        {
            var started = Connect.Require(await platform.ForUser(ids[i]).StartAsync());
            emulator.Control.Approve((string)started["user_code"]!, 4);
            pending[i] = (ids[i], (string)started["pending_id"]!);
        });
        await Task.Delay(TimeSpan.FromSeconds(1.1));
        await Parallel.ForAsync(0, ids.Length, new ParallelOptions { MaxDegreeOfParallelism = Concurrency }, async (i, _) =>
        {
            var polled = Connect.Require(await platform.ForUser(pending[i].Id).PollAsync(pending[i].PendingId));
            if (!Equals(polled["status"], "connected"))
            {
                throw new InvalidOperationException("a sign-in did not connect: " + polled.ToJson());
            }
        });
    }
}
