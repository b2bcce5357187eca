namespace XaiGrok.Onboarding.Secrets;

/// <summary>
/// Redacts a text that arrives in pieces. A secret split across two pieces matches in neither, so the end of each
/// piece that could be the start of a known secret is held back and sent with the next one (or by <see cref="Flush"/>);
/// everything else goes out at once. The pieces it returns add up to the redacted whole.
/// </summary>
internal sealed class StreamRedactor(SecretRegistry secrets)
{
    private string held = "";

    /// <summary>The part of <paramref name="piece"/> (after what was held) that is safe to show now; may be empty.</summary>
    public string Take(string piece)
    {
        var text = secrets.Redact(held + piece);
        var keep = secrets.PossibleStartLength(text);
        held = text[^keep..];
        return text[..^keep];
    }

    /// <summary>What is still held back, redacted: the stream has ended, so it cannot be the start of anything more.</summary>
    public string Flush()
    {
        var rest = secrets.Redact(held);
        held = "";
        return rest;
    }
}
