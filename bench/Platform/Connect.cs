namespace XaiGrok.Onboarding.Bench.Platform;

/// <summary>Connects platform users through the real device flow, many at once: start all, approve all, poll all.</summary>
internal static class Connect
{
    public static async Task UsersAsync(GrokPlatform platform, IReadOnlyList<string> ids, Func<string, Task> approve, int concurrency = 32)
    {
        foreach (var batch in ids.Chunk(1000))
        {
            var pending = new (string Id, string PendingId)[batch.Length];
            var first = TimeProvider.System.GetUtcNow();
            await Parallel.ForAsync(0, batch.Length, new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (i, _) =>
            {
                var started = Require(await platform.ForUser(batch[i]).StartAsync());
                await approve((string)started["user_code"]!);
                pending[i] = (batch[i], (string)started["pending_id"]!);
            });

            // The device flow's interval (1 s on the emulator): polled sooner, a flow answers "pending".
            var wait = first.AddSeconds(1.1) - TimeProvider.System.GetUtcNow();
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait);
            }

            await Parallel.ForAsync(0, batch.Length, new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (i, _) =>
            {
                for (var attempt = 0; ; attempt++)
                {
                    var polled = Require(await platform.ForUser(pending[i].Id).PollAsync(pending[i].PendingId));
                    if (Equals(polled["status"], "connected"))
                    {
                        return;
                    }

                    if (attempt > 20)
                    {
                        throw new InvalidOperationException("a sign-in did not connect: " + polled.ToJson());
                    }

                    await Task.Delay(500);
                }
            });
        }
    }

    public static SkillResult Require(SkillResult result) => result.Ok ? result : throw new InvalidOperationException(result.ToJson());
}
