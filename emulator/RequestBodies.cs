using System.Collections.Concurrent;

namespace XaiGrok.Emulator;

/// <summary>The raw body of the last request seen on each path.</summary>
internal sealed class RequestBodies
{
    private readonly ConcurrentDictionary<string, string> last = new(StringComparer.Ordinal);

    public void Record(string path, string body) => last[path] = body;

    public string? Last(string path) => last.GetValueOrDefault(path);
}
