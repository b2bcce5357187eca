using System.Collections.Concurrent;

namespace XaiGrok.Emulator;

internal sealed class RequestCounters
{
    private readonly ConcurrentDictionary<string, int> counts = new(StringComparer.Ordinal);

    public void Increment(string name) => counts.AddOrUpdate(name, 1, static (_, count) => count + 1);

    public int Count(string name) => counts.GetValueOrDefault(name);

    public IReadOnlyDictionary<string, int> Snapshot() => new Dictionary<string, int>(counts, StringComparer.Ordinal);

    public void Reset() => counts.Clear();
}
