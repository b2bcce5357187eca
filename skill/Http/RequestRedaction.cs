using System.Net.Http.Headers;
using System.Text;
using Names = XaiGrok.Onboarding.Protocol.OAuthConstants.Parameters;

namespace XaiGrok.Onboarding.Http;

/// <summary>
/// What an HTTP log line may show of a request or answer: the URL without query values, header values except
/// credentials, form fields by name with only the harmless values (grant type, client id, scope) shown.
/// </summary>
internal static class RequestRedaction
{
    public const string Hidden = "[redacted]";

    private static readonly HashSet<string> VisibleFormFields = new(StringComparer.Ordinal)
    {
        Names.GrantType, Names.ClientId, Names.Scope, Names.Audience, Names.TokenTypeHint, Names.CodeChallengeMethod, Names.RedirectUri,
    };

    private static readonly HashSet<string> SecretHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Authorization", "Proxy-Authorization", "Cookie", "Set-Cookie", "X-Api-Key", "Api-Key",
    };

    public static string Url(Uri? uri)
    {
        if (uri is null)
        {
            return "(no url)";
        }

        if (!uri.IsAbsoluteUri)
        {
            return uri.OriginalString.Split('?')[0];
        }

        // Scheme, host, port and path only: user info in a URL is a credential.
        var text = uri.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped);
        if (uri.Query.Length <= 1)
        {
            return text;
        }

        var names = uri.Query[1..].Split('&').Select(pair => pair.Split('=')[0]);
        return text + "?" + string.Join("&", names.Select(name => name + "=" + Hidden));
    }

    public static string Headers(params HttpHeaders?[] groups)
    {
        var text = new StringBuilder();
        foreach (var group in groups)
        {
            if (group is null)
            {
                continue;
            }

            foreach (var (name, values) in group.NonValidated)
            {
                text.Append(text.Length == 0 ? "" : "; ").Append(name).Append(": ").Append(HeaderValue(name, values.ToString()));
            }
        }

        return text.ToString();
    }

    /// <summary>An <c>application/x-www-form-urlencoded</c> body with every value hidden but the harmless ones.</summary>
    public static string Form(string body) => string.Join("&", body.Split('&', StringSplitOptions.RemoveEmptyEntries).Select(pair =>
    {
        // A piece without "=" is a value without a name: it could be anything, so none of it is shown.
        var equals = pair.IndexOf('=', StringComparison.Ordinal);
        if (equals < 0)
        {
            return Hidden;
        }

        var name = pair[..equals];
        return VisibleFormFields.Contains(Uri.UnescapeDataString(name)) ? pair : name + "=" + Hidden;
    }));

    /// <summary>Whether a form field's value may be shown (grant type, client id, scope...): every other one is a secret.</summary>
    public static bool IsHarmlessFormField(string name) => VisibleFormFields.Contains(name);

    /// <summary>The decoded names and values of an <c>application/x-www-form-urlencoded</c> body.</summary>
    public static IEnumerable<(string Name, string Value)> FormPairs(string body) =>
        body.Split('&', StringSplitOptions.RemoveEmptyEntries).Select(pair => pair.Split('=', 2) is [var name, var value]
            ? (Decode(name), Decode(value))
            : ("", Decode(pair)));

    private static string Decode(string text) => Uri.UnescapeDataString(text.Replace('+', ' '));

    private static string HeaderValue(string name, string value)
    {
        if (!SecretHeaders.Contains(name) && !name.Contains("token", StringComparison.OrdinalIgnoreCase) && !name.Contains("secret", StringComparison.OrdinalIgnoreCase))
        {
            return value;
        }

        // Keep the scheme ("Bearer", "Basic"): it tells which credential was sent without showing it.
        var space = value.IndexOf(' ', StringComparison.Ordinal);
        return name.EndsWith("Authorization", StringComparison.OrdinalIgnoreCase) && space > 0 ? value[..space] + " " + Hidden : Hidden;
    }
}
