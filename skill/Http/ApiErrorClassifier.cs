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
    private static readonly string[] ModelRefusals = ["does not exist", "not found", "not available", "does not have access"];

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

    /// <summary>
    /// Whether the answer refuses the model itself for this caller: api.x.ai's 404 "The model X does not exist or your
    /// team does not have access to it", an OpenAI-style <c>model_not_found</c>, or a "model ... not available". A
    /// 404 for anything else (a wrong path) is not one: it must not make a model look unusable.
    /// </summary>
    public static bool RefusesModel(int status, string? bodyCode, string? bodyMessage)
    {
        if (status is not (400 or 403 or 404))
        {
            return false;
        }

        if (string.Equals(bodyCode, "model_not_found", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return bodyMessage is { } message
            && message.Contains("model", StringComparison.OrdinalIgnoreCase)
            && ModelRefusals.Any(phrase => message.Contains(phrase, StringComparison.OrdinalIgnoreCase));
    }

    public static bool RefusesModel(HttpReply reply)
    {
        var (code, message) = ReadBody(reply);
        return RefusesModel(reply.StatusCode, code, message);
    }

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

    private static string? Printable(string? text, int max, string? secretToHide) =>
        text is null ? null : PrintableText.Clean(text, max, secrets: secretToHide is null ? null : [secretToHide]);
}
