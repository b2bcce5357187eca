using System.Text.Json.Nodes;
using XaiGrok.Onboarding;

namespace XaiGrok.Samples.PlatformHost;

/// <summary>
/// One JSON answer: a library result as it is (its status from <see cref="ErrorStatus"/>, with <c>Retry-After</c> when
/// the result says how long to wait), or a failure of the host's own in the library's shape.
/// </summary>
internal sealed class JsonAnswer(string json, int statusCode, long? retryAfterSeconds = null) : IResult
{
    public static JsonAnswer Healthy { get; } = new("""{"ok":true,"status":"healthy"}""", StatusCodes.Status200OK);

    public int StatusCode => statusCode;

    /// <summary>
    /// <paramref name="result"/> as JSON; on success each of <paramref name="contractKeys"/> the result lacks is added as
    /// null, so a client reads the contract's keys on every answer (e.g. <c>tier</c> of a user who never connected).
    /// </summary>
    public static JsonAnswer From(SkillResult result, params string[] contractKeys)
    {
        if (!result.Ok)
        {
            var wait = result.TryGetValue("retry_after_seconds", out var seconds) && seconds is int or long ? Convert.ToInt64(seconds, System.Globalization.CultureInfo.InvariantCulture) : (long?)null;
            return new(result.ToJson(indented: false), ErrorStatus.For(result.Error), wait);
        }

        var missing = contractKeys.Where(key => !result.ContainsKey(key)).ToArray();
        if (missing.Length == 0)
        {
            return new(result.ToJson(indented: false), StatusCodes.Status200OK);
        }

        var fields = JsonNode.Parse(result.ToJson(indented: false))!.AsObject();
        foreach (var key in missing)
        {
            fields[key] = null;
        }

        return new(fields.ToJsonString(), StatusCodes.Status200OK);
    }

    public static JsonAnswer Failure(int statusCode, string error, string detail, string hint) => new(
        new JsonObject { ["ok"] = false, ["error"] = error, ["detail"] = detail, ["hint"] = hint }.ToJsonString(),
        statusCode);

    public Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = statusCode;
        response.ContentType = "application/json; charset=utf-8";
        if (retryAfterSeconds is { } wait)
        {
            response.Headers.RetryAfter = wait.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return response.WriteAsync(json, httpContext.RequestAborted);
    }
}
