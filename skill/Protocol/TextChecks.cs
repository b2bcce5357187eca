namespace XaiGrok.Onboarding.Protocol;

/// <summary>
/// Checks that a value from a server is of the form it must have before it is used; what may be shown of free text is
/// <see cref="PrintableText"/>'s rule.
/// </summary>
internal static class TextChecks
{
    /// <summary>
    /// The shortest credential the module accepts from a server or a provider: a value of one to three characters
    /// could not be cut out of logs and results without mangling ordinary text, so it could not be kept secret.
    /// </summary>
    public const int MinimumSecretLength = 4;

    /// <summary>An opaque credential-like value: printable ASCII, bounded length.</summary>
    public static bool IsOpaqueValue(string text, int maxLength = 8192) =>
        text.Length <= maxLength && PrintableText.IsPrintable(text, TextKind.Word);

    /// <summary>A credential from a server or a provider: an opaque value, and long enough to be redacted wherever it appears.</summary>
    public static bool IsSecretValue(string text, int maxLength = 8192) =>
        text.Length >= MinimumSecretLength && IsOpaqueValue(text, maxLength);

    /// <summary>A user code a person types: letters, digits and dashes only (RFC 8628 §6.1), short.</summary>
    public static bool IsUserCode(string text) =>
        text.Length is > 0 and <= 32 && text.All(c => char.IsAsciiLetterOrDigit(c) || c == '-') && text.Any(char.IsAsciiLetterOrDigit);

    /// <summary>An OAuth error code (RFC 6749 §4.1.2.1, §5.2): printable ASCII without '"' and '\', at most 64 characters here.</summary>
    public static bool IsErrorCode(string text) => text.Length <= 64 && text.All(c => c == ' ' || IsScopeCharacter(c));

    /// <summary>A scope token (RFC 6749 §3.3): printable ASCII without space, '"' and '\'.</summary>
    public static bool IsScopeToken(string text) => text.Length > 0 && text.All(IsScopeCharacter);

    private static bool IsScopeCharacter(char c) => c is > ' ' and <= '~' and not '"' and not '\\';
}
