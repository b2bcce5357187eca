using System.Collections.Concurrent;

namespace XaiGrok.Emulator;

/// <summary>The raw body of the last request seen on each path.</summary>
internal sealed class RequestBodies
{
    private readonly ConcurrentDictionary<string, string> _last = new(StringComparer.Ordinal);

    public void Record(string path, string body) => _last[path] = body;

    public string? Last(string path) => _last.GetValueOrDefault(path);
}
