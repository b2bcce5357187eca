using Microsoft.Extensions.Logging;

namespace XaiGrok.Onboarding.Logging;

/// <summary>
/// Every message the module logs, source-generated (no formatting unless the level is on). Arguments are chosen so
/// that none can carry a secret: ids, codes, counts, hosts and paths, never a token, a code or a body.
/// Event ids: 1xx HTTP, 2xx session, 3xx sign-in, 4xx public calls, 5xx chat, 6xx provider, 8xx configuration.
/// </summary>
internal static partial class LogEvents
{
    [LoggerMessage(100, LogLevel.Debug, "{Method} {Url} -> {Status} in {ElapsedMs} ms")]
    public static partial void Answered(ILogger logger, string method, string url, int status, long elapsedMs);

    [LoggerMessage(101, LogLevel.Debug, "{Method} {Url} failed after {ElapsedMs} ms: {Reason}")]
    public static partial void SendFailed(ILogger logger, string method, string url, long elapsedMs, string reason);

    [LoggerMessage(102, LogLevel.Trace, "{Method} {Url} request headers: {Headers}")]
    public static partial void RequestHeaders(ILogger logger, string method, string url, string headers);

    [LoggerMessage(103, LogLevel.Trace, "{Method} {Url} request body: {Body}")]
    public static partial void RequestBody(ILogger logger, string method, string url, string body);

    [LoggerMessage(104, LogLevel.Trace, "{Method} {Url} response headers: {Headers}")]
    public static partial void ResponseHeaders(ILogger logger, string method, string url, string headers);

    [LoggerMessage(110, LogLevel.Warning, "retrying a {Kind} request in {DelayMs} ms (attempt {Attempt}): {Reason}")]
    public static partial void Retrying(ILogger logger, string kind, long delayMs, int attempt, string reason);

    [LoggerMessage(200, LogLevel.Information, "access token refreshed (source {Source}); it expires at {ExpiresAt:O}")]
    public static partial void Refreshed(ILogger logger, string source, DateTimeOffset expiresAt);

    [LoggerMessage(201, LogLevel.Debug, "another process refreshed the token first; using it (expires at {ExpiresAt:O})")]
    public static partial void AdoptedSibling(ILogger logger, DateTimeOffset expiresAt);

    [LoggerMessage(202, LogLevel.Warning, "the refresh failed: {Error}: {Detail}")]
    public static partial void RefreshFailed(ILogger logger, string error, string detail);

    [LoggerMessage(300, LogLevel.Information, "device sign-in {PendingId} started; the code is valid for {ExpiresIn} s, poll interval {Interval} s")]
    public static partial void SignInStarted(ILogger logger, string pendingId, long expiresIn, long interval);

    [LoggerMessage(301, LogLevel.Debug, "sign-in {PendingId}: {Outcome}")]
    public static partial void Polled(ILogger logger, string pendingId, string outcome);

    [LoggerMessage(400, LogLevel.Debug, "{Call} ok in {ElapsedMs} ms")]
    public static partial void CallSucceeded(ILogger logger, string call, long elapsedMs);

    [LoggerMessage(401, LogLevel.Warning, "{Call} failed: {Error}: {Detail}")]
    public static partial void CallFailed(ILogger logger, string call, string error, string detail);

    // An expected failure (network, server, storage) is CallFailed alone; these two are for a bug, and only debug
    // shows where it happened (a trace at the default level buries the one line that matters).
    [LoggerMessage(402, LogLevel.Error, "{Call} failed unexpectedly: {ExceptionType}")]
    public static partial void CallCrashed(ILogger logger, string call, string exceptionType);

    [LoggerMessage(403, LogLevel.Debug, "{Call}: where the unexpected failure happened")]
    public static partial void CallCrashTrace(ILogger logger, string call, Exception exception);

    [LoggerMessage(500, LogLevel.Debug, "chat with {Model} on {Lane}")]
    public static partial void ChatRouted(ILogger logger, string model, string lane);

    [LoggerMessage(501, LogLevel.Information, "{Model} is served on the other lane; sent again on {Lane}")]
    public static partial void ChatFailedOver(ILogger logger, string model, string lane);

    [LoggerMessage(502, LogLevel.Warning, "{Model}: whether the account can use it was not remembered: {Detail}")]
    public static partial void ModelAccessNotRecorded(ILogger logger, string model, string detail);

    // 600-604 begin exactly as the Grok CLI's documented messages ("Common log messages"), at its levels, so that a
    // person's grep for them works here too. None names the command: it may carry a secret.
    [LoggerMessage(600, LogLevel.Information, "auth: running external auth provider ({Label}, GROK_AUTH_EXPIRED={Expired}, timeout {TimeoutSeconds} s)")]
    public static partial void ProviderRunning(ILogger logger, string label, bool expired, long timeoutSeconds);

    [LoggerMessage(601, LogLevel.Information, "auth: external auth provider returned fresh token ({Label}, expires at {ExpiresAt:O}, in {ElapsedMs} ms)")]
    public static partial void ProviderReturnedToken(ILogger logger, string label, DateTimeOffset expiresAt, long elapsedMs);

    [LoggerMessage(602, LogLevel.Warning, "auth: external auth provider failed ({Label}): {Reason} (after {ElapsedMs} ms)")]
    public static partial void ProviderFailed(ILogger logger, string label, string reason, long elapsedMs);

    [LoggerMessage(603, LogLevel.Warning, "auth: external auth provider timed out (likely needs interactive auth), killing ({Label}, after {TimeoutSeconds} s)")]
    public static partial void ProviderTimedOut(ILogger logger, string label, long timeoutSeconds);

    [LoggerMessage(604, LogLevel.Warning, "auth: failed to start external auth provider ({Label}): {Reason}")]
    public static partial void ProviderFailedToStart(ILogger logger, string label, string reason);

    [LoggerMessage(605, LogLevel.Warning, "auth: the host's OnProviderMessage callback failed ({ExceptionType}); the provider's lines are still in the result")]
    public static partial void ProviderDisplayFailed(ILogger logger, string exceptionType);

    [LoggerMessage(800, LogLevel.Warning, "configuration: {Problem}")]
    public static partial void ConfigurationProblem(ILogger logger, string problem);
}
