using System.Buffers;
using XaiGrok.Onboarding.Protocol;

namespace XaiGrok.Onboarding.Secrets;

/// <summary>
/// Every credential value one module instance holds or sent (tokens, device and authorization codes, PKCE verifier,
/// API keys, provider tokens), so that the sinks (log lines, results, stream pieces) can cut each one out by value,
/// whatever header, field or sentence carries it. Values are added the moment they are read, received, generated or
/// configured. Bounded: the least recently added values are forgotten first (rotated tokens are spent by then);
/// configured keys are pinned.
/// </summary>
internal sealed class SecretRegistry
{
    public const string Hidden = "[redacted]";

    /// <summary>How many values are kept besides the pinned ones.</summary>
    public const int Capacity = 256;

    private readonly Lock gate = new();
    private readonly LinkedList<string> recent = new();
    private readonly Dictionary<string, LinkedListNode<string>> byValue = new(StringComparer.Ordinal);
    private readonly HashSet<string> pinned = new(StringComparer.Ordinal);
    private volatile Snapshot? snapshot;

    /// <summary>The length of the longest value known: a stream holds back one character less than this.</summary>
    public int LongestLength => Current()?.Longest ?? 0;

    /// <summary>
    /// Remembers <paramref name="value"/> (and its URL-encoded form when that differs). Values shorter than
    /// <see cref="TextChecks.MinimumSecretLength"/> cannot be cut out without mangling ordinary text; the module refuses
    /// such tokens where they come in, so none should reach here.
    /// </summary>
    public void Add(string? value, bool pin = false)
    {
        if (value is null || value.Length < TextChecks.MinimumSecretLength)
        {
            return;
        }

        var escaped = Uri.EscapeDataString(value);
        lock (gate)
        {
            var changed = Remember(value, pin);
            if (!string.Equals(escaped, value, StringComparison.Ordinal))
            {
                changed |= Remember(escaped, pin);
            }

            // A value seen again only moves to the back of the queue: the set, and so the snapshot, is unchanged.
            if (changed)
            {
                snapshot = null;
            }
        }
    }

    /// <summary><paramref name="text"/> with every known value replaced by <see cref="Hidden"/>; the same instance when none occurs.</summary>
    public string Redact(string text)
    {
        if (text.Length == 0 || Current() is not { } known)
        {
            return text;
        }

        var rest = text.AsSpan();
        var first = rest.IndexOfAny(known.Search);
        if (first < 0)
        {
            return text;
        }

        var redacted = new System.Text.StringBuilder(text.Length);
        while (first >= 0)
        {
            redacted.Append(rest[..first]).Append(Hidden);
            rest = rest[(first + known.LongestAt(rest[first..]))..];
            first = rest.IndexOfAny(known.Search);
        }

        return redacted.Append(rest).ToString();
    }

    /// <summary>
    /// How many characters at the end of <paramref name="text"/> could be the start of a known value: a stream keeps
    /// them back until the next piece shows whether the value follows.
    /// </summary>
    public int PossibleStartLength(ReadOnlySpan<char> text)
    {
        if (Current() is not { } known)
        {
            return 0;
        }

        var from = Math.Max(0, text.Length - (known.Longest - 1));
        while (from < text.Length)
        {
            var at = text[from..].IndexOfAny(known.FirstCharacters);
            if (at < 0)
            {
                return 0;
            }

            var tail = text[(from + at)..];
            foreach (var value in known.Values)
            {
                if (value.Length > tail.Length && value.AsSpan().StartsWith(tail, StringComparison.Ordinal))
                {
                    return tail.Length;
                }
            }

            from += at + 1;
        }

        return 0;
    }

    private bool Remember(string value, bool pin)
    {
        if (pin)
        {
            return pinned.Add(value);
        }

        if (pinned.Contains(value))
        {
            return false;
        }

        var known = byValue.Remove(value, out var node);
        if (known)
        {
            recent.Remove(node!);
        }

        byValue[value] = recent.AddLast(value);
        var evicted = false;
        while (byValue.Count > Capacity)
        {
            byValue.Remove(recent.First!.Value);
            recent.RemoveFirst();
            evicted = true;
        }

        return !known || evicted;
    }

    private Snapshot? Current()
    {
        if (snapshot is { } known)
        {
            return known;
        }

        lock (gate)
        {
            if (pinned.Count == 0 && recent.Count == 0)
            {
                return null;
            }

            // Longest first, so that where one value starts another, the whole longer one is cut out.
            string[] values = [.. pinned.Concat(recent).Distinct(StringComparer.Ordinal).OrderByDescending(value => value.Length)];
            return snapshot = new Snapshot(values);
        }
    }

    private sealed class Snapshot(string[] values)
    {
        public string[] Values { get; } = values;

        public SearchValues<string> Search { get; } = SearchValues.Create(values, StringComparison.Ordinal);

        public SearchValues<char> FirstCharacters { get; } = SearchValues.Create([.. values.Select(value => value[0]).Distinct()]);

        public int Longest { get; } = values[0].Length;

        public int LongestAt(ReadOnlySpan<char> text)
        {
            foreach (var value in Values)
            {
                if (text.StartsWith(value, StringComparison.Ordinal))
                {
                    return value.Length;
                }
            }

            return 1;
        }
    }
}
