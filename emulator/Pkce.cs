using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace XaiGrok.Emulator;

/// <summary>RFC 7636 with S256 only: the plain method gives no protection, so it is refused.</summary>
internal static class Pkce
{
    public const string S256 = "S256";

    /// <summary>§4.1: 43 to 128 unreserved characters; §4.2: the S256 challenge is 43 base64url characters.</summary>
    public static bool IsWellFormed(string value, int minLength, int maxLength) =>
        value.Length >= minLength && value.Length <= maxLength
        && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '~');

    public static bool IsWellFormedVerifier(string verifier) => IsWellFormed(verifier, 43, 128);

    public static bool IsWellFormedChallenge(string challenge) => IsWellFormed(challenge, 43, 43);

    public static bool Matches(string verifier, string challenge)
    {
        var computed = Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(computed), Encoding.ASCII.GetBytes(challenge));
    }
}
