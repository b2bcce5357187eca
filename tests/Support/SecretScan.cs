using System.Text;
using Xunit;

namespace XaiGrok.Onboarding.Tests.Support;

/// <summary>
/// Fails a test when any secret shows up in a text, as is, URL-encoded or base64-encoded (whatever its length). The message names which
/// secret (by its label) and never prints the secret itself.
/// </summary>
public static class SecretScan
{
    public static void AssertAbsent(string text, IReadOnlyDictionary<string, string> secretsByLabel)
    {
        foreach (var (label, secret) in secretsByLabel)
        {
            if (string.IsNullOrEmpty(secret))
            {
                continue;
            }

            // No length floor: a short secret must not leak either. Its encodings are looked for from 8 characters on,
            // where they are long enough not to turn up by chance in other text.
            foreach (var form in secret.Length < 8 ? [secret] : Forms(secret))
            {
                Assert.False(text.Contains(form, StringComparison.Ordinal), $"the {label} (or an encoding of it) appears in the output");
            }
        }
    }

    private static IEnumerable<string> Forms(string secret)
    {
        yield return secret;
        yield return Uri.EscapeDataString(secret);
        var base64 = Convert.ToBase64String(Encoding.UTF8.GetBytes(secret));
        yield return base64.TrimEnd('=');
        yield return base64.TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }
}
