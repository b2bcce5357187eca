using System.Diagnostics;
using System.Globalization;

namespace XaiGrok.Onboarding.Bench.Platform;

/// <summary>
/// Managed memory per idle connected platform user: N users connected through the device flow and one chat each (so
/// each holds what a served user holds: runtime, session, bearer, model list), then a full GC; the heap's growth over
/// a warmed-up platform, divided by N. The emulator runs in a child process, so this heap is the platform's alone.
/// Also the time to connect N users (one 0700 folder each under a temp root) and to serve one chat each.
/// </summary>
internal static class PlatformUsers
{
    public const int TargetBytes = 8 * 1024;

    public static async Task<int> RunAsync(int count)
    {
        await using var emulator = await EmulatorProcess.StartAsync();
        var root = Path.Combine(Path.GetTempPath(), "xai-grok-bench-users-" + Guid.NewGuid().ToString("N"));
        try
        {
            using var platform = new GrokPlatform(new GrokPlatformOptions
            {
                Issuer = new Uri(emulator.Issuer),
                ClientId = "bench-client",
                ApiBaseUrl = new Uri(emulator.ApiBaseUrl),
                StateRoot = root,
                IdleTimeout = TimeSpan.FromHours(2),
            });
            ChatMessage[] hello = [ChatMessage.User("hello")];

            // Warm-up: the shared stack, the discovery document, the JIT, the pools.
            var warm = Enumerable.Range(1, 50).Select(n => $"warm-{n}").ToArray();
            await Connect.UsersAsync(platform, warm, code => emulator.ApproveAsync(code));
            await ChatEachAsync(platform, warm, hello);
            var before = Settled();

            var ids = Enumerable.Range(1, count).Select(n => $"user-{n}@example.com").ToArray();
            var connecting = Stopwatch.StartNew();
            await Connect.UsersAsync(platform, ids, code => emulator.ApproveAsync(code));
            connecting.Stop();
            var chatting = Stopwatch.StartNew();
            await ChatEachAsync(platform, ids, hello);
            chatting.Stop();
            var after = Settled();

            var perUser = (double)(after - before) / count;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
                users: {count} connected users in one process ({platform.UsersInMemory} in memory, {Directory.GetDirectories(root).Length} folders under the root)
                  connecting them (device flow, concurrency 32): {connecting.Elapsed.TotalSeconds:F1} s; one chat each: {chatting.Elapsed.TotalSeconds:F1} s
                  managed heap after a full GC: {before / 1024.0 / 1024:F1} MiB warmed up -> {after / 1024.0 / 1024:F1} MiB with them
                  per idle connected user: {perUser / 1024:F2} KB (target <= {TargetBytes / 1024} KB) {(perUser <= TargetBytes ? "PASS" : "FAIL")}
                """));
            GC.KeepAlive(platform);
            return 0;
        }
        finally
        {
            if (Directory.Exists(root))
            {
                Directory.Delete(root, recursive: true);
            }
        }
    }

    private static Task ChatEachAsync(GrokPlatform platform, string[] ids, ChatMessage[] hello) =>
        Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (id, _) => Connect.Require(await platform.ForUser(id).ChatAsync(null, hello)));

    private static long Settled()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
