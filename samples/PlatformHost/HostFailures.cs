using Microsoft.AspNetCore.Diagnostics;

namespace XaiGrok.Samples.PlatformHost;

/// <summary>The failures of the host itself (no route, wrong method, an exception), in the library's failure shape.</summary>
internal static class HostFailures
{
    /// <summary>An exception escaped a handler: its details stay in the host's log, never in the answer.</summary>
    public static Task UnhandledAsync(HttpContext context) =>
        JsonAnswer.Failure(
            StatusCodes.Status500InternalServerError,
            "internal_error",
            "the host failed while serving this request.",
            "Retry; if it fails again, the host's log has the details.").ExecuteAsync(context);

    /// <summary>A 4xx or 5xx that no handler wrote a body for (the routing's 404 and 405).</summary>
    public static Task FromStatusCodeAsync(StatusCodeContext context)
    {
        var status = context.HttpContext.Response.StatusCode;
        var answer = status switch
        {
            StatusCodes.Status404NotFound => JsonAnswer.Failure(status, "not_found", "no endpoint answers this path.", "See the host's README for its endpoints: /users/{id}/connect, poll, status, chat; /users; /healthz."),
            StatusCodes.Status405MethodNotAllowed => JsonAnswer.Failure(status, "method_not_allowed", "this path does not take this method.", "See the host's README for the method of each endpoint."),
            < 500 => JsonAnswer.Failure(status, "invalid_request", $"the request was refused ({status}).", "Check the request against the host's README."),
            _ => JsonAnswer.Failure(status, "internal_error", $"the host failed ({status}).", "Retry; if it fails again, the host's log has the details."),
        };
        return answer.ExecuteAsync(context.HttpContext);
    }
}
