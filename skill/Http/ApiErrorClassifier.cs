using XaiGrok.Onboarding.Protocol;

namespace XaiGrok.Onboarding.Http;

/// <summary>
/// Classifies every non-success answer of api.x.ai by status and body code, in one place. Bodies come as
/// <c>{"code": "...", "error": "..."}</c> or OpenAI-style <c>{"error": {"message", "code"}}</c>.
/// </summary>
internal static class ApiErrorClassifier
{
    public const string BadCredentialsCode = "unauthenticated:bad-credentials";
    private const string WrongLaneText = "Multi Agent requests are not allowed on chat completions";

    public static ApiErrorKind Classify(int status, string? bodyCode, string? bodyMessage) => status switch
    {
        401 => ApiErrorKind.CredentialsExpired,
        403 when string.Equals(bodyCode, BadCredentialsCode, StringComparison.OrdinalIgnoreCase) => ApiErrorKind.CredentialsExpired,
        403 => ApiErrorKind.Forbidden,
        429 => ApiErrorKind.RateLimited,
        400 when bodyMessage?.Contains(WrongLaneText, StringComparison.OrdinalIgnoreCase) == true => ApiErrorKind.WrongLane,
        400 or 422 => ApiErrorKind.BadRequest,
        404 => ApiErrorKind.NotFound,
        >= 500 => ApiErrorKind.UpstreamUnavailable,
        _ => ApiErrorKind.Unexpected,
    };

    public static ApiErrorKind Classify(HttpReply reply)
    {
        var (code, message) = ReadBody(reply);
        return Classify(reply.StatusCode, code, message);
    }

    /// <summary>The body's error code and message, printable and short; null when the body is not such JSON.</summary>
    public static (string? Code, string? Message) ReadBody(HttpReply reply, string? secretToHide = null)
    {
        using var json = reply.BodyTooLarge ? null : JsonObjectReader.TryParse(reply.Body);
        if (json is null)
        {
            return (null, null);
        }

        string? code = json.String("code");
        string? message = json.String("error") ?? json.String("message");
        if (json.Root.TryGetProperty("error", out var error) && error.ValueKind == System.Text.Json.JsonValueKind.Object)
        {
            code ??= error.TryGetProperty("code", out var c) && c.ValueKind == System.Text.Json.JsonValueKind.String ? c.GetString() : null;
            message = error.TryGetProperty("message", out var m) && m.ValueKind == System.Text.Json.JsonValueKind.String ? m.GetString() : message;
        }

        return (Printable(code, 80, secretToHide), Printable(message, 300, secretToHide));
    }

    // Redaction runs on the whole text, before it is shortened: a cut-off copy of a secret would no longer match.
    private static string? Printable(string? text, int max, string? secretToHide)
    {
        if (text is null)
        {
            return null;
        }

        var printable = new string(text.Where(c => !char.IsControl(c)).ToArray());
        if (secretToHide is { Length: > 0 })
        {
            printable = printable.Replace(secretToHide, "[redacted]", StringComparison.Ordinal);
        }

        return printable.Length > max ? printable[..max] : printable;
    }
}
