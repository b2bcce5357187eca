using Microsoft.Net.Http.Headers;

namespace XaiGrok.Emulator;

/// <summary>
/// The parameters of an OAuth request body, read strictly: application/x-www-form-urlencoded only
/// (RFC 6749 §3.2), no parameter twice, and an empty value counts as absent (§3.1).
/// </summary>
internal sealed class OAuthForm
{
    private readonly Dictionary<string, string> values;

    private OAuthForm(Dictionary<string, string> values) => this.values = values;

    public string? this[string name] => values.GetValueOrDefault(name);

    public static bool IsFormContentType(HttpRequest request) =>
        MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType)
        && mediaType.MediaType.Equals("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase);

    /// <summary>The form, or an RFC 6749 §5.2 error result explaining why the body is not one.</summary>
    public static async Task<(OAuthForm? Form, IResult? Error)> ReadAsync(HttpContext context)
    {
        if (!HttpMethods.IsPost(context.Request.Method) || !IsFormContentType(context.Request))
        {
            return (null, OAuthResults.Error(OAuthErrors.InvalidRequest, "The request must be a POST with an application/x-www-form-urlencoded body."));
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in form)
        {
            if (value.Count > 1)
            {
                return (null, OAuthResults.Error(OAuthErrors.InvalidRequest, $"The parameter '{name}' appears more than once."));
            }

            if (!string.IsNullOrEmpty(value[0]))
            {
                values[name] = value[0]!;
            }
        }

        return (new OAuthForm(values), null);
    }
}
