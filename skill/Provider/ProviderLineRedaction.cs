using System.Text.RegularExpressions;
using XaiGrok.Onboarding.Protocol;
using XaiGrok.Onboarding.Secrets;

namespace XaiGrok.Onboarding.Provider;

/// <summary>
/// What a provider line may show. A line can arrive before the provider's stdout names its token, so besides the
/// known values (cut out by <see cref="SecretRegistry"/>) anything shaped like a JWT is cut out; and the sign-in link
/// is shown only as an absolute https URL of printable ASCII, escaped, that cannot move the cursor or hide text.
/// </summary>
internal static partial class ProviderLineRedaction
{
    public static string Apply(string line) => Jwt().Replace(line, SecretRegistry.Hidden);

    /// <summary>The first https URL in <paramref name="line"/>, escaped; null when none is well formed.</summary>
    public static Uri? FirstHttpsUrl(string line)
    {
        foreach (var word in line.Split([' ', '\t', '"', '\'', '<', '>', '(', ')'], StringSplitOptions.RemoveEmptyEntries))
        {
            if (word.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
                && Uri.TryCreate(word.TrimEnd('.', ',', ';', ':'), UriKind.Absolute, out var url)
                && url.Scheme == Uri.UriSchemeHttps
                && url.Host.Length > 0
                && PrintableText.IsPrintable(url.AbsoluteUri, TextKind.Word))
            {
                return url;
            }
        }

        return null;
    }

    [GeneratedRegex(@"eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*")]
    private static partial Regex Jwt();
}
