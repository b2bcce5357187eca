using System.Collections.Concurrent;

namespace XaiGrok.Emulator;

internal sealed class RequestCounters
{
    private readonly ConcurrentDictionary<string, int> _counts = new(StringComparer.Ordinal);

    public void Increment(string name) => _counts.AddOrUpdate(name, 1, static (_, count) => count + 1);

    public int Count(string name) => _counts.GetValueOrDefault(name);

    public IReadOnlyDictionary<string, int> Snapshot() => new Dictionary<string, int>(_counts, StringComparer.Ordinal);

    public void Reset() => _counts.Clear();
}
