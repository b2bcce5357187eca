using System.Net.Http.Headers;
using Microsoft.Extensions.Logging;
using XaiGrok.Onboarding.Logging;
using XaiGrok.Onboarding.Protocol;

namespace XaiGrok.Onboarding.Http;

/// <summary>
/// Logs each HTTP attempt: method, URL (query values hidden), status and time at debug; headers and form bodies,
/// redacted by <see cref="RequestRedaction"/> (credentials by header and field name), at trace. Answers' bodies are
/// never logged: they hold tokens. A credential under any other name (a server's <c>X-Echo</c> of the bearer) is cut
/// out by value, as in every line, by <see cref="Secrets.RedactingLoggerFactory"/>. On a platform's shared stack the
/// request carries its user's logger (<see cref="LoggerOption"/>), whose redaction knows that user's secrets: the handler
/// holds no user, so a pooled one serves every user alike.
/// </summary>
internal sealed class LoggingHandler(ILogger fallback, TimeProvider clock) : DelegatingHandler
{
    /// <summary>The logger of the user a request is sent for; without it, the handler's own.</summary>
    public static readonly HttpRequestOptionsKey<ILogger> LoggerOption = new("XaiGrok.Onboarding.Logger");

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var logger = request.Options.TryGetValue(LoggerOption, out var own) ? own : fallback;
        if (!logger.IsEnabled(LogLevel.Debug))
        {
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }

        var method = request.Method.Method;
        var url = RequestRedaction.Url(request.RequestUri);
        if (logger.IsEnabled(LogLevel.Trace))
        {
            await TraceRequestAsync(logger, request, method, url, cancellationToken).ConfigureAwait(false);
        }

        var started = clock.GetTimestamp();
        try
        {
            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            LogEvents.Answered(logger, method, url, (int)response.StatusCode, Elapsed(started));
            if (logger.IsEnabled(LogLevel.Trace))
            {
                LogEvents.ResponseHeaders(logger, method, url, RequestRedaction.Headers(response.Headers, response.Content.Headers));
            }

            return response;
        }
        catch (HttpRequestException exception)
        {
            LogEvents.SendFailed(logger, method, url, Elapsed(started), exception.HttpRequestError.ToString());
            throw;
        }
        catch (OperationCanceledException)
        {
            LogEvents.SendFailed(logger, method, url, Elapsed(started), "cancelled or timed out");
            throw;
        }
    }

    private static async Task TraceRequestAsync(ILogger logger, HttpRequestMessage request, string method, string url, CancellationToken cancellationToken)
    {
        LogEvents.RequestHeaders(logger, method, url, RequestRedaction.Headers(request.Headers, request.Content?.Headers));
        if (request.Content is not { } content)
        {
            return;
        }

        // Form bodies (token, device and revocation requests) are buffered, so reading them here costs nothing and
        // leaves them readable; a JSON chat body is someone's conversation and is described, not shown.
        var body = content.Headers.ContentType is { MediaType: OAuthConstants.FormContentType }
            ? RequestRedaction.Form(await content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false))
            : $"{content.Headers.ContentType?.MediaType ?? "unknown type"}, {Length(content.Headers)}";
        LogEvents.RequestBody(logger, method, url, body);
    }

    private static string Length(HttpContentHeaders headers) =>
        headers.ContentLength is { } length ? $"{length} bytes" : "length unknown";

    private long Elapsed(long started) => (long)clock.GetElapsedTime(started).TotalMilliseconds;
}
