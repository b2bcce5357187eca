using System.Text;

namespace XaiGrok.Onboarding.Oidc;

/// <summary>
/// The request line of one request the browser sent to the loopback listener. Only the line is read: the callback
/// needs the method, the path and the query, and headers would only add parsing that can go wrong.
/// </summary>
internal sealed record CallbackRequest(string Method, string Path, IReadOnlyDictionary<string, string> Query, bool HasRepeatedParameter)
{
    private const int MaxParameters = 32;

    public string? Parameter(string name) => Query.TryGetValue(name, out var value) && value.Length > 0 ? value : null;

    /// <summary>Reads <c>METHOD SP origin-form SP HTTP/1.x</c> from the head; null for anything else.</summary>
    public static CallbackRequest? TryParse(ReadOnlySpan<byte> head)
    {
        var end = head.IndexOf("\r\n"u8);
        var line = end < 0 ? head : head[..end];
        if (line.IsEmpty || line.ContainsAnyExceptInRange((byte)' ', (byte)'~'))
        {
            return null;
        }

        var parts = Encoding.ASCII.GetString(line).Split(' ');
        if (parts.Length != 3 || !parts[2].StartsWith("HTTP/1.", StringComparison.Ordinal) || !parts[1].StartsWith('/'))
        {
            return null;
        }

        var question = parts[1].IndexOf('?', StringComparison.Ordinal);
        var path = question < 0 ? parts[1] : parts[1][..question];
        var query = new Dictionary<string, string>(StringComparer.Ordinal);
        var repeated = false;
        var pairs = question < 0 ? [] : parts[1][(question + 1)..].Split('&', StringSplitOptions.RemoveEmptyEntries);
        if (pairs.Length > MaxParameters)
        {
            return null;
        }

        foreach (var pair in pairs)
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var name = Decode(equals < 0 ? pair : pair[..equals]);
            var value = equals < 0 ? string.Empty : Decode(pair[(equals + 1)..]);
            repeated |= !query.TryAdd(name, value);
        }

        return new CallbackRequest(parts[0], path, query, repeated);
    }

    // application/x-www-form-urlencoded, as authorization servers build the redirect (RFC 6749 Appendix B).
    private static string Decode(string text) => Uri.UnescapeDataString(text.Replace('+', ' '));

    public override string ToString() => $"{Method} {Path} ({Query.Count} parameters, values not shown)";
}
