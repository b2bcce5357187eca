using System.Globalization;

namespace XaiGrok.Onboarding.Tests.PostgreSql;

/// <summary>
/// The figures of one run of the fleet test, as the one summary line it prints (docs/reliability.md, "Replicas on one PostgreSQL", quotes it).
/// <see cref="ExpiryWindows"/> is how many refreshes one per user per expiry window allows: for each user, the whole
/// windows (lifetime less the early refresh) from its sign-in to the end, plus one.
/// </summary>
internal sealed record FleetFigures(
    int Users,
    int Replicas,
    int TokenLifetimeSeconds,
    int EarlyRefreshSeconds,
    int Calls,
    int CallsToKilledReplicas,
    int Refreshes,
    int ExpiryWindows,
    int Reuse,
    int Kills,
    int LostSessions,
    TimeSpan DatabaseDowntime,
    int FailedWhileDown,
    TimeSpan P50,
    TimeSpan P99,
    TimeSpan Run)
{
    /// <summary>The latency below which <paramref name="fraction"/> of the calls ended (nearest rank).</summary>
    public static TimeSpan Percentile(IReadOnlyList<TimeSpan> latencies, double fraction)
    {
        if (latencies.Count == 0)
        {
            return TimeSpan.Zero;
        }

        var sorted = latencies.Order().ToArray();
        var rank = (int)Math.Ceiling(fraction * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    public string Line() => string.Create(
        CultureInfo.InvariantCulture,
        $"fleet: users={Users} replicas={Replicas} token_lifetime={TokenLifetimeSeconds}s early_refresh={EarlyRefreshSeconds}s calls={Calls} " +
        $"calls_to_killed_replicas={CallsToKilledReplicas} refreshes={Refreshes} expiry_windows={ExpiryWindows} reuse={Reuse} kills={Kills} lost_sessions={LostSessions} " +
        $"db_downtime={DatabaseDowntime.TotalSeconds:0.0}s failed_while_down={FailedWhileDown} p50={P50.TotalMilliseconds:0.0}ms p99={P99.TotalMilliseconds:0.0}ms " +
        $"run={Run.TotalSeconds:0.0}s");
}
