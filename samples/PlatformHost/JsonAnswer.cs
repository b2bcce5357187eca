using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using XaiGrok.Onboarding;

namespace XaiGrok.Samples.PlatformHost;

/// <summary>
/// One JSON answer: a library result as it is (its status from <see cref="ErrorStatus"/>, with <c>Retry-After</c> when
/// the result says how long to wait), or a failure of the host's own in the library's shape.
/// </summary>
internal sealed class JsonAnswer(string json, int statusCode, long? retryAfterSeconds = null) : IResult
{
    // As the library writes its results: JSON for a client, not for an HTML page, so no \u0027 for an apostrophe.
    private static readonly JsonSerializerOptions Written = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static JsonAnswer Healthy { get; } = new("""{"ok":true,"status":"healthy"}""", StatusCodes.Status200OK);

    /// <summary>
    /// <paramref name="result"/> as JSON. For a call about <paramref name="userId"/>, a hint that asks for a sign-in is
    /// put in this API's terms (<see cref="HostHints"/>); on success each of <paramref name="contractKeys"/> the result
    /// lacks is added as null, so a client reads the contract's keys on every answer (e.g. <c>tier</c> of a user who
    /// never connected).
    /// </summary>
    public static JsonAnswer From(SkillResult result, string? userId = null, params string[] contractKeys)
    {
        var status = result.Ok ? StatusCodes.Status200OK : ErrorStatus.For(result.Error);
        var wait = !result.Ok && result.TryGetValue("retry_after_seconds", out var seconds) && seconds is int or long
            ? Convert.ToInt64(seconds, CultureInfo.InvariantCulture)
            : (long?)null;
        var hint = userId is not null && result.ContainsKey("hint") ? HostHints.For(SignInCode(result), userId) : null;
        var missing = result.Ok ? contractKeys.Where(key => !result.ContainsKey(key)).ToArray() : [];
        if (hint is null && missing.Length == 0)
        {
            return new(result.ToJson(indented: false), status, wait);
        }

        var fields = JsonNode.Parse(result.ToJson(indented: false))!.AsObject();
        if (hint is not null)
        {
            fields["hint"] = hint;
        }

        foreach (var key in missing)
        {
            fields[key] = null;
        }

        return new(fields.ToJsonString(Written), status, wait);
    }

    public static JsonAnswer Failure(int statusCode, string error, string detail, string hint) => new(
        new JsonObject { ["ok"] = false, ["error"] = error, ["detail"] = detail, ["hint"] = hint }.ToJsonString(Written),
        statusCode);

    /// <summary>The code a result's hint belongs to: its error; for a status, its problem or, unconnected, <c>not_connected</c>.</summary>
    private static string? SignInCode(SkillResult result) =>
        !result.Ok ? result.Error
        : result.TryGetValue("problem", out var problem) && problem is string code ? code
        : result.TryGetValue("connected", out var connected) && connected is false ? "not_connected"
        : null;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = statusCode;
        response.ContentType = "application/json; charset=utf-8";
        if (retryAfterSeconds is { } wait)
        {
            response.Headers.RetryAfter = wait.ToString(CultureInfo.InvariantCulture);
        }

        return response.WriteAsync(json, httpContext.RequestAborted);
    }
}
