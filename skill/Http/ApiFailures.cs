using XaiGrok.Onboarding.Errors;

namespace XaiGrok.Onboarding.Http;

/// <summary>Turns a classified API refusal into the result's error code, detail and hint.</summary>
internal static class ApiFailures
{
    public static Failure From(HttpReply reply, string what, string? bearerToHide, bool bearerIsApiKey = false)
    {
        var (code, message) = ApiErrorClassifier.ReadBody(reply, bearerToHide);
        var said = message is null ? "" : $": {message}";
        return ApiErrorClassifier.Classify(reply.StatusCode, code, message) switch
        {
            ApiErrorKind.CredentialsExpired when bearerIsApiKey => new Failure(ErrorCodes.ApiKeyRejected, $"{what} was refused: xAI rejected the API key (HTTP {reply.StatusCode}).", "Check XAI_API_KEY, or the per-model key in config.toml (or config.json); keys come from https://console.x.ai."),
            ApiErrorKind.CredentialsExpired => new Failure(ErrorCodes.ReauthRequired, $"{what} was refused: the session token is expired or revoked (HTTP {reply.StatusCode}).", Hints.LoginAgain),
            ApiErrorKind.Forbidden => new Failure(ErrorCodes.Forbidden, $"{what} was refused (HTTP 403{said}).", Hints.Forbidden),
            ApiErrorKind.RateLimited => RateLimited(reply, what),
            ApiErrorKind.UpstreamUnavailable => new Failure(ErrorCodes.UpstreamUnavailable, $"{what} failed upstream (HTTP {reply.StatusCode}).", Hints.RetryLater),
            ApiErrorKind.BadRequest or ApiErrorKind.WrongLane => new Failure(ErrorCodes.InvalidRequest, $"{what} was refused as invalid (HTTP {reply.StatusCode}{said}).", "Check the model id, the messages and thinking; see detail."),
            _ => new Failure(ErrorCodes.InvalidResponse, $"{what} answered HTTP {reply.StatusCode}{said}.", "Try again; if it persists, report it with this detail."),
        };
    }

    private static Failure RateLimited(HttpReply reply, string what) => RateLimitFailure.From(
        reply,
        $"{what} hit xAI's fair-use rate limit.",
        wait => $"Wait {wait} s (limits reset on a rolling window), or use a pay-per-token API key for this request.");
}
