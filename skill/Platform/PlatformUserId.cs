using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace XaiGrok.Onboarding.Platform;

/// <summary>
/// A platform's user id, checked, and the folder it maps to. The folder is named after a hash of the id, never the id:
/// an id cannot reach a path however it is spelled, two ids that a case-insensitive or normalizing file system would
/// fold together ("Alice" and "alice") still get two folders, and an id that is an e-mail address is not spelled out in
/// a directory listing. The check still refuses what no sane id holds (separators, dot names, control and format
/// characters, lone surrogates), so a host's bug shows up as a clear error rather than as a folder.
/// </summary>
internal static class PlatformUserId
{
    public const int MaxLength = 256;

    public const string FolderPrefix = "u-";

    /// <summary>Why <paramref name="userId"/> cannot be used; null when it can.</summary>
    public static string? Problem(string? userId)
    {
        if (string.IsNullOrWhiteSpace(userId))
        {
            return "the user id is empty";
        }

        if (userId.Length > MaxLength)
        {
            return $"the user id is longer than {MaxLength} characters";
        }

        if (userId is "." or "..")
        {
            return "the user id is a dot name (\".\" or \"..\")";
        }

        foreach (var rune in userId.EnumerateRunes())
        {
            if (IsSeparator(rune.Value))
            {
                return "the user id holds a path separator";
            }

            var category = Rune.GetUnicodeCategory(rune);
            if (category is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator or UnicodeCategory.PrivateUse)
            {
                return "the user id holds a control, format or line-separator character";
            }
        }

        // EnumerateRunes turns a lone surrogate into U+FFFD instead of failing, so it is looked for apart.
        return IsWellFormed(userId) ? null : "the user id is not well-formed text (a lone surrogate)";
    }

    /// <summary>The user's folder name: <c>u-</c> and 32 hex digits (128 bits) of the SHA-256 of the id's UTF-8.</summary>
    public static string FolderName(string userId)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(userId), hash);
        return FolderPrefix + Convert.ToHexStringLower(hash[..16]);
    }

    // The ASCII separators, and the look-alikes a file name could be shown with to fool a person reading a listing.
    private static bool IsSeparator(int c) => c is '/' or '\\' or '\u2044' or '\u2215' or '\u29F8' or '\u29F9' or '\uFF0F' or '\uFF3C';

    private static bool IsWellFormed(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return false;
            }
        }

        return true;
    }
}
