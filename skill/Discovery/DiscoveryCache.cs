using XaiGrok.Onboarding.Errors;

namespace XaiGrok.Onboarding.Discovery;

/// <summary>
/// Discovery documents by issuer, each kept for <paramref name="ttl"/> on the injected clock. One fetch per issuer is
/// in flight at a time, whoever asks: a platform's users share this cache, so a crowd signing in at once fetches the
/// document once per TTL, not once per user. The shared fetch is not cut short by one caller's cancellation (its own
/// pipeline timeouts bound it); a failure is handed to those waiting on it and never kept.
/// </summary>
internal sealed class DiscoveryCache(TimeProvider clock, TimeSpan ttl)
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, Entry> entries = new(StringComparer.Ordinal);

    public async Task<Outcome<DiscoveryDocument>> GetAsync(Uri issuer, Func<Task<Outcome<DiscoveryDocument>>> fetch, CancellationToken cancellationToken)
    {
        var key = issuer.AbsoluteUri;
        Task<Outcome<DiscoveryDocument>> running;
        lock (gate)
        {
            var now = clock.GetUtcNow();
            if (!entries.TryGetValue(key, out var entry) || IsSpent(entry, now))
            {
                entry = new Entry(Start(key, fetch));
                entries[key] = entry;
            }

            running = entry.Fetch;
        }

        return await running.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    private bool IsSpent(Entry entry, DateTimeOffset now) =>
        entry.Fetch.IsCompleted && (entry.FetchedAt is not { } fetchedAt || now - fetchedAt >= ttl);

    private async Task<Outcome<DiscoveryDocument>> Start(string key, Func<Task<Outcome<DiscoveryDocument>>> fetch)
    {
        // Yields first, so the entry is in the table before the fetch can finish and look for it.
        await Task.Yield();
        Outcome<DiscoveryDocument> fetched;
        try
        {
            fetched = await fetch().ConfigureAwait(false);
        }
        catch
        {
            Forget(key);
            throw;
        }

        lock (gate)
        {
            if (entries.TryGetValue(key, out var entry))
            {
                if (fetched.IsSuccess)
                {
                    entry.FetchedAt = clock.GetUtcNow();
                }
                else
                {
                    entries.Remove(key);
                }
            }
        }

        return fetched;
    }

    private void Forget(string key)
    {
        lock (gate)
        {
            entries.Remove(key);
        }
    }

    private sealed class Entry(Task<Outcome<DiscoveryDocument>> fetch)
    {
        public Task<Outcome<DiscoveryDocument>> Fetch { get; } = fetch;

        public DateTimeOffset? FetchedAt { get; set; }
    }
}
