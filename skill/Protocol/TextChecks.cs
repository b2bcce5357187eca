namespace XaiGrok.Onboarding.Protocol;

/// <summary>Checks on strings that come from a server before they are stored or shown to a person.</summary>
internal static class TextChecks
{
    /// <summary>
    /// The shortest credential the module accepts from a server or a provider: a value of one to three characters
    /// could not be cut out of logs and results without mangling ordinary text, so it could not be kept secret.
    /// </summary>
    public const int MinimumSecretLength = 4;

    public static bool HasControlCharacters(string text) => text.Any(char.IsControl);

    /// <summary>An opaque credential-like value: printable ASCII, bounded length.</summary>
    public static bool IsOpaqueValue(string text, int maxLength = 8192) =>
        text.Length <= maxLength && text.All(c => c is > ' ' and < (char)127);

    /// <summary>A credential from a server or a provider: an opaque value, and long enough to be redacted wherever it appears.</summary>
    public static bool IsSecretValue(string text, int maxLength = 8192) =>
        text.Length >= MinimumSecretLength && IsOpaqueValue(text, maxLength);

    /// <summary>A user code a person types: letters, digits and dashes only (RFC 8628 §6.1), short.</summary>
    public static bool IsUserCode(string text) =>
        text.Length is > 0 and <= 32 && text.All(c => char.IsAsciiLetterOrDigit(c) || c == '-') && text.Any(char.IsAsciiLetterOrDigit);
}
