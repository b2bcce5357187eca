using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace XaiGrok.Onboarding.Oidc;

/// <summary>
/// RFC 7636 with S256 only: the <c>plain</c> method would put the verifier itself in the browser's URL.
/// Also the <c>state</c> and <c>nonce</c> values, which need the same unguessable randomness.
/// </summary>
internal static class Pkce
{
    // §7.1: 32 octets give 256 bits; base64url of 32 bytes is 43 characters, the minimum length §4.1 allows.
    private const int VerifierBytes = 32;

    // 128 bits is the floor for values an attacker must not guess (RFC 6749 §10.10); 32 bytes leaves a margin.
    private const int StateBytes = 32;

    public static string NewVerifier() => RandomText(VerifierBytes);

    public static string ChallengeFor(string verifier) =>
        Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));

    public static string NewState() => RandomText(StateBytes);

    public static string NewNonce() => RandomText(StateBytes);

    /// <summary>§4.1: 43 to 128 characters from the unreserved set <c>[A-Z] [a-z] [0-9] - . _ ~</c>.</summary>
    public static bool IsValidVerifier(string verifier) =>
        verifier.Length is >= 43 and <= 128
        && verifier.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '~');

    private static string RandomText(int bytes) => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(bytes));
}
