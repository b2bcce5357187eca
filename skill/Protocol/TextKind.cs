namespace XaiGrok.Onboarding.Protocol;

/// <summary>Which characters <see cref="PrintableText"/> lets through: the one thing its callers differ on.</summary>
internal enum TextKind
{
    /// <summary>Words and sentences in any script, spaces included: a server's or a provider's message, a claim, a URL.</summary>
    Prose,

    /// <summary>One word of printable ASCII without spaces: an error code, an id we echo back, a token-like value.</summary>
    Word,
}
