using System.Buffers.Text;
using System.Security.Cryptography;

namespace XaiGrok.Emulator;

internal static class RandomValues
{
    // RFC 8628 §6.1: few, unambiguous characters (no vowels, so no words; no look-alikes).
    private const string UserCodeAlphabet = "BCDFGHJKLMNPQRSTVWXZ";

    public static string OpaqueToken() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    public static string TokenId() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));

    /// <summary>Eight letters, without the hyphen (see <see cref="UserCodes.Display"/>).</summary>
    public static string UserCode() => RandomNumberGenerator.GetString(UserCodeAlphabet, 8);
}
