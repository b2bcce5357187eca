using System.Net;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;
using XaiGrok.Onboarding.Logging;

namespace XaiGrok.Onboarding.Http;

/// <summary>
/// The Polly pipelines, one per <see cref="RequestKind"/>: total timeout ⟶ retry ⟶ per-attempt timeout. Waits run on
/// the injected <see cref="TimeProvider"/>, so tests advance a fake clock instead of sleeping.
/// </summary>
internal sealed class ResiliencePipelines(HttpLimits limits, TimeProvider clock, ILogger? logger = null)
{
    private readonly ResiliencePipeline<HttpReply> idempotent = Build(limits, clock, RequestKind.Idempotent, logger);
    private readonly ResiliencePipeline<HttpReply> serverAnswerOnly = Build(limits, clock, RequestKind.RetryOnlyOnServerAnswer, logger);
    private readonly ResiliencePipeline<HttpReply> once = Build(limits, clock, RequestKind.Once, logger);
    private readonly ResiliencePipeline<HttpReply> chat = Build(limits with { AttemptTimeout = limits.ChatAttemptTimeout, TotalTimeout = limits.ChatAttemptTimeout * 3 }, clock, RequestKind.ChatPost, logger);

    public ResiliencePipeline<HttpReply> For(RequestKind kind) => kind switch
    {
        RequestKind.Idempotent => idempotent,
        RequestKind.RetryOnlyOnServerAnswer => serverAnswerOnly,
        RequestKind.ChatPost => chat,
        _ => once,
    };

    private static ResiliencePipeline<HttpReply> Build(HttpLimits limits, TimeProvider clock, RequestKind kind, ILogger? logger)
    {
        var builder = new ResiliencePipelineBuilder<HttpReply> { TimeProvider = clock }.AddTimeout(limits.TotalTimeout);
        if (kind != RequestKind.Once)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpReply>
            {
                MaxRetryAttempts = limits.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = limits.RetryBaseDelay,
                ShouldHandle = args => ValueTask.FromResult(ShouldRetry(kind, limits, args.Outcome, args.AttemptNumber)),
                DelayGenerator = args => ValueTask.FromResult(args.Outcome.Result?.RetryAfter),
                OnRetry = args =>
                {
                    if (logger is not null)
                    {
                        LogEvents.Retrying(logger, kind.ToString(), (long)args.RetryDelay.TotalMilliseconds, args.AttemptNumber + 1, Reason(args.Outcome));
                    }

                    return ValueTask.CompletedTask;
                },
            });
        }

        return builder.AddTimeout(limits.AttemptTimeout).Build();
    }

    private static string Reason(Outcome<HttpReply> outcome) => outcome.Result is { } reply
        ? $"HTTP {reply.StatusCode}"
        : outcome.Exception is HttpRequestException transport ? transport.HttpRequestError.ToString() : outcome.Exception?.GetType().Name ?? "unknown";

    private static bool ShouldRetry(RequestKind kind, HttpLimits limits, Outcome<HttpReply> outcome, int attempt)
    {
        if (outcome.Result is { } reply)
        {
            if (reply.Status == HttpStatusCode.TooManyRequests)
            {
                return attempt < limits.MaxRateLimitRetries && reply.RetryAfter is { } wait && wait <= limits.MaxRetryAfter;
            }

            if (kind == RequestKind.ChatPost)
            {
                // A gateway answering for an upstream that never got the request; a 500 may have run the model.
                return reply.StatusCode is 502 or 503 or 504;
            }

            return reply.IsServerError || (kind == RequestKind.Idempotent && reply.Status == HttpStatusCode.RequestTimeout);
        }

        if (kind == RequestKind.ChatPost)
        {
            return outcome.Exception is HttpRequestException { HttpRequestError: HttpRequestError.NameResolutionError }
                or HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError, InnerException: System.Net.Sockets.SocketException };
        }

        // A transport failure or an attempt timeout: the server may have acted on the request, so only a
        // request that is safe to repeat is sent again.
        return kind == RequestKind.Idempotent && outcome.Exception is HttpRequestException or OperationCanceledException;
    }
}
