using XaiGrok.Onboarding.Secrets;

namespace XaiGrok.Onboarding.Protocol;

/// <summary>
/// The one rule for text that comes from elsewhere (a server, a provider, a model, a command line) and is shown to a
/// person or put in a result: it must not move the cursor, recolour the terminal, or read differently from what it is.
/// </summary>
internal static class PrintableText
{
    /// <summary>
    /// <see cref="TextKind.Prose"/> refuses control characters (C0, DEL, C1) and Unicode's bidirectional formatting
    /// characters, which make text read in another order than it is written ("Trojan Source", CVE-2021-42574);
    /// <see cref="TextKind.Word"/> takes printable ASCII without spaces only.
    /// </summary>
    public static bool IsAllowed(char c, TextKind kind) =>
        kind == TextKind.Word ? c is > ' ' and < (char)127 : !char.IsControl(c) && !IsBidiControl(c);

    /// <summary>True when every character of <paramref name="text"/> is allowed: for a value that is used as it is, or refused.</summary>
    public static bool IsPrintable(string text, TextKind kind) => text.All(c => IsAllowed(c, kind));

    /// <summary>
    /// For text that is shown however it came: removes every character not allowed, then hides
    /// <paramref name="secrets"/> (the ones this call sent, which a server may echo), then cuts to
    /// <paramref name="maxLength"/> characters, never inside a surrogate pair. The order matters: removing after
    /// redaction could join a split secret back together, and a cut-off copy of a secret would no longer be found.
    /// </summary>
    public static string Clean(string text, int maxLength, TextKind kind = TextKind.Prose, IEnumerable<string>? secrets = null)
    {
        var printable = string.Concat(text.Where(c => IsAllowed(c, kind)));
        foreach (var secret in (secrets ?? []).Where(secret => secret.Length > 0).OrderByDescending(secret => secret.Length))
        {
            printable = printable.Replace(secret, SecretRegistry.Hidden, StringComparison.Ordinal);
        }

        if (printable.Length <= maxLength)
        {
            return printable;
        }

        return printable[..(maxLength > 0 && char.IsHighSurrogate(printable[maxLength - 1]) ? maxLength - 1 : maxLength)];
    }

    private static bool IsBidiControl(char c) =>
        c is '\u061C' or '\u200E' or '\u200F' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069');
}
