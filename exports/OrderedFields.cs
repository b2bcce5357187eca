using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace XaiGrok.Onboarding;

/// <summary>A read-only dictionary that enumerates in insertion order, so JSON output reads top to bottom as built.</summary>
internal sealed class OrderedFields(IReadOnlyList<KeyValuePair<string, object?>> pairs) : IReadOnlyDictionary<string, object?>
{
    private readonly Dictionary<string, object?> lookup = pairs.ToDictionary(pair => pair.Key, pair => pair.Value, StringComparer.Ordinal);

    public object? this[string key] => lookup[key];

    public IEnumerable<string> Keys => pairs.Select(pair => pair.Key);

    public IEnumerable<object?> Values => pairs.Select(pair => pair.Value);

    public int Count => pairs.Count;

    public bool ContainsKey(string key) => lookup.ContainsKey(key);

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out object? value) => lookup.TryGetValue(key, out value);

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => pairs.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
