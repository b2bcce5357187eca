using System.Collections.Concurrent;
using XaiGrok.Onboarding.Runtime;

namespace XaiGrok.Onboarding.Platform;

/// <summary>
/// The runtimes of the users seen lately, one per user id, built on first use. A user idle for <c>idleTimeout</c> (on
/// the injected clock) is dropped from the table, never disposed: its state is in its folder, its next call builds a
/// new runtime from there, and a caller still holding the old one can go on using it. Two runtimes of one user can so
/// coexist for a while; their refreshes are serialized by the store's lock (the folder's <c>flock</c>, or the database's
/// advisory lock), under which the credential is read again, so a refresh token is never spent twice. A runtime whose refresh is in flight is kept until that refresh is stored.
/// </summary>
internal sealed class UserRuntimes : IDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<OnboardingRuntime>> byUser = new(StringComparer.Ordinal);
    private readonly Func<string, OnboardingRuntime> build;
    private readonly TimeProvider clock;
    private readonly TimeSpan idleTimeout;
    private readonly ITimer sweeper;

    public UserRuntimes(Func<string, OnboardingRuntime> build, TimeProvider clock, TimeSpan idleTimeout)
    {
        this.build = build;
        this.clock = clock;
        this.idleTimeout = idleTimeout;

        // Swept twice per idle period: a user is dropped between one and one and a half idle periods after their last call.
        var period = idleTimeout / 2 > TimeSpan.FromSeconds(1) ? idleTimeout / 2 : TimeSpan.FromSeconds(1);
        sweeper = clock.CreateTimer(static state => ((UserRuntimes)state!).Sweep(), this, period, period);
    }

    /// <summary>How many users have a runtime in memory.</summary>
    public int Count => byUser.Count;

    public OnboardingRuntime For(string userId)
    {
        var runtime = byUser.GetOrAdd(userId, static (id, self) => new Lazy<OnboardingRuntime>(() => self.build(id)), this).Value;
        runtime.Touch();
        return runtime;
    }

    /// <summary>Drops the users idle for the idle timeout; returns how many.</summary>
    public int Sweep()
    {
        var now = clock.GetUtcNow();
        var dropped = 0;
        foreach (var entry in byUser)
        {
            if (entry.Value.IsValueCreated && entry.Value.Value is var runtime
                && now - runtime.LastUsed >= idleTimeout && !runtime.Session.RefreshInFlight
                && byUser.TryRemove(entry))
            {
                dropped++;
            }
        }

        return dropped;
    }

    /// <summary>Drops one user's runtime now (after a revocation).</summary>
    public void Forget(string userId) => byUser.TryRemove(userId, out _);

    public void Dispose()
    {
        sweeper.Dispose();
        foreach (var entry in byUser)
        {
            if (entry.Value.IsValueCreated)
            {
                entry.Value.Value.Dispose();
            }
        }

        byUser.Clear();
    }
}
