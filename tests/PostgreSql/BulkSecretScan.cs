using System.Buffers;
using Xunit;

namespace XaiGrok.Onboarding.Tests.PostgreSql;

/// <summary>
/// <see cref="Support.SecretScan"/> for thousands of secrets over megabytes of text: one multi-string search
/// (<see cref="SearchValues{T}"/>) for every secret in all its forms, then <see cref="Support.SecretScan"/> names the one
/// it found. A run of the fleet test issues some 6,000 tokens; checking each form one by one would take minutes.
/// </summary>
internal static class BulkSecretScan
{
    public static void AssertAbsent(string text, IReadOnlyDictionary<string, string> secretsByLabel)
    {
        var forms = secretsByLabel.Values.Where(secret => secret.Length >= 8).SelectMany(Forms).Distinct(StringComparer.Ordinal).ToArray();
        if (forms.Length == 0)
        {
            return;
        }

        var search = SearchValues.Create(forms, StringComparison.Ordinal);
        if (text.AsSpan().IndexOfAny(search) >= 0)
        {
            Support.SecretScan.AssertAbsent(text, secretsByLabel);
            Assert.Fail("a secret appears in the output");
        }

        Support.SecretScan.AssertAbsent(text, secretsByLabel.Where(pair => pair.Value.Length < 8).ToDictionary(StringComparer.Ordinal));
    }

    private static IEnumerable<string> Forms(string secret)
    {
        yield return secret;
        yield return Uri.EscapeDataString(secret);
        var base64 = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(secret)).TrimEnd('=');
        yield return base64;
        yield return base64.Replace('+', '-').Replace('/', '_');
    }
}
