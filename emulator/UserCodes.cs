namespace XaiGrok.Emulator;

/// <summary>User codes are stored as eight letters and shown as ABCD-EFGH.</summary>
internal static class UserCodes
{
    public static string Display(string code) => code[..4] + "-" + code[4..];

    /// <summary>RFC 8628 §6.1: people type codes in any case and with or without the hyphen.</summary>
    public static string Normalize(string typed) =>
        new([.. typed.Where(c => c is not ('-' or ' ')).Select(char.ToUpperInvariant)]);
}
