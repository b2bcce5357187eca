using System.Text.Json.Nodes;

namespace XaiGrok.Emulator;

/// <summary>api.x.ai's error body: <c>{"code": "...", "error": "..."}</c>.</summary>
internal static class ApiResults
{
    public static IResult Error(int status, string code, string message) =>
        Results.Json(Body(code, message), statusCode: status);

    public static JsonObject Body(string code, string message) => new() { ["code"] = code, ["error"] = message };

    /// <summary>The code api.x.ai uses for an HTTP status (gRPC status names, kebab-case).</summary>
    public static string CodeFor(int status) => status switch
    {
        StatusCodes.Status400BadRequest => "invalid-argument",
        StatusCodes.Status401Unauthorized => "unauthenticated",
        StatusCodes.Status403Forbidden => "permission-denied",
        StatusCodes.Status404NotFound => "not-found",
        StatusCodes.Status409Conflict => "aborted",
        StatusCodes.Status429TooManyRequests => "resource-exhausted",
        StatusCodes.Status501NotImplemented => "unimplemented",
        StatusCodes.Status502BadGateway or StatusCodes.Status503ServiceUnavailable => "unavailable",
        StatusCodes.Status504GatewayTimeout => "deadline-exceeded",
        _ => "internal",
    };
}
