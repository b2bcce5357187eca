using System.Net.Http.Headers;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using XaiGrok.Onboarding.Credentials;
using XaiGrok.Onboarding.Errors;
using XaiGrok.Onboarding.Http;
using XaiGrok.Onboarding.Logging;
using XaiGrok.Onboarding.Models;
using XaiGrok.Onboarding.Protocol;
using XaiGrok.Onboarding.Storage;
using XaiGrok.Onboarding.Stores;
using XaiGrok.Onboarding.Telemetry;

namespace XaiGrok.Onboarding.Lanes;

/// <summary>
/// Chat on the right lane with the session's token. One request on the happy path; a token the API calls expired
/// is refreshed once and the call retried once (by <see cref="BearerHandler"/>); a multi-agent model refused on chat
/// completions fails over once to the Responses API; every other refusal is classified once, by
/// <see cref="ApiErrorClassifier"/>.
/// </summary>
internal sealed class ChatService(BearerResolver bearers, ModelService models, IModelChoiceStore selection, Func<HttpSender> http, Uri apiBase, TimeProvider clock, HttpLimits limits, TelemetryRecorder telemetry, ILogger? logger = null)
{
    private readonly ILogger log = logger ?? NullLogger.Instance;
    private static readonly string[] Roles = ["system", "developer", "user", "assistant"];
    private readonly Uri chatCompletionsUrl = new(apiBase.AbsoluteUri.TrimEnd('/') + "/chat/completions");
    private readonly Uri responsesUrl = new(apiBase.AbsoluteUri.TrimEnd('/') + "/responses");

    public Outcome<ChatRequest> Prepare(string? model, IReadOnlyList<ChatMessage>? messages, Thinking? thinking, bool stream)
    {
        if (messages is null || messages.Count == 0)
        {
            return Invalid("no messages were given.", "Pass at least one message, e.g. [{\"role\":\"user\",\"content\":\"Hello\"}].");
        }

        foreach (var message in messages)
        {
            if (message is null || message.Content is null || !Roles.Contains(message.Role?.Trim().ToLowerInvariant()))
            {
                return Invalid("every message needs a role (system, user or assistant) and a string content.", "Check the messages array.");
            }
        }

        var upstream = model is null ? selection.Selected() ?? "grok-4.3" : ModelIds.Upstream(model);
        if (upstream is null)
        {
            return Invalid("the model id is empty or malformed.", "Pass an id such as xai-grok/grok-4.3.");
        }

        if (ModelKinds.KindOf(upstream) != ModelKinds.Chat)
        {
            return new Failure(ErrorCodes.ModelUnavailable, $"{ModelKinds.Prefix}{upstream} is an image or video model, not a chat model.", "Pick a chat model from models.");
        }

        if (thinking is not null)
        {
            if (!thinking.IsValid)
            {
                return Invalid($"thinking effort must be low, medium or high (not \"{Printable(thinking.Effort)}\").", "Use {\"effort\":\"high\"} or leave thinking out.");
            }

            if (!LaneRouter.TakesThinking(upstream))
            {
                return Invalid($"{ModelKinds.Prefix}{upstream} does not take a thinking effort; multi-agent and reasoning models do.", "Leave thinking out for this model, or switch to a multi-agent model.");
            }
        }

        return new ChatRequest(upstream, messages, thinking?.Effort, stream);
    }

    public async Task<Outcome<(ChatAnswer Answer, bool FailedOver)>> ChatAsync(ChatRequest request, CancellationToken cancellationToken)
    {
        using var observed = telemetry.BeginChat(request.UpstreamModel, apiBase, request.Stream);
        var exchange = await ExchangeAsync(request, cancellationToken).ConfigureAwait(false);
        if (!exchange.IsSuccess)
        {
            return observed.Chatted(exchange.Failure);
        }

        var (reply, lane, failedOver) = exchange.Value;
        var answer = reply.BodyTooLarge ? null
            : lane == Lane.Responses ? ChatAnswerReader.Response(reply.Body, request.PublicModelId)
            : ChatAnswerReader.ChatCompletion(reply.Body, request.PublicModelId);
        return observed.Chatted(answer is null
            ? new Failure(ErrorCodes.InvalidResponse, $"the {LaneRouter.Name(lane)} answer could not be read.", "Try again; if it persists, report it with this detail.")
            : (answer, failedOver));
    }

    public async IAsyncEnumerable<StreamPart> StreamAsync(ChatRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var observed = telemetry.BeginChat(request.UpstreamModel, apiBase, request.Stream);
        var exchange = await ExchangeAsync(request, cancellationToken).ConfigureAwait(false);
        if (!exchange.IsSuccess)
        {
            yield return observed.Streamed(new StreamPart(null, null, exchange.Failure));
            yield break;
        }

        var (reply, lane, failedOver) = exchange.Value;
        using var response = reply.OpenResponse!;
        var accumulator = new StreamAccumulator(request.PublicModelId, lane, limits.StreamMaxAnswerChars);
        using var idle = new CancellationTokenSource(limits.StreamIdleTimeout, clock);
        using var total = new CancellationTokenSource(limits.StreamTimeout, clock);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, idle.Token, total.Token);
        await using var body = new EventSizeLimit(await response.Content.ReadAsStreamAsync(linked.Token).ConfigureAwait(false), limits.StreamMaxEventBytes);
        var events = SseParser.Create(body).EnumerateAsync(linked.Token).GetAsyncEnumerator(linked.Token);
        Failure? failure = null;
        try
        {
            while (true)
            {
                SseItem<string> item;
                try
                {
                    if (!await events.MoveNextAsync().ConfigureAwait(false))
                    {
                        break;
                    }

                    item = events.Current;
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    failure = Interrupted(total.IsCancellationRequested ? $"it took longer than {Seconds(limits.StreamTimeout)} s." : $"no text for {Seconds(limits.StreamIdleTimeout)} s.");
                    break;
                }
                catch (EventTooLargeException tooLarge)
                {
                    failure = Interrupted($"one event of the stream passed {tooLarge.MaxEventBytes / 1024} KiB.");
                    break;
                }
                catch (Exception exception) when (exception is IOException or HttpRequestException)
                {
                    failure = Interrupted("the connection closed midway.");
                    break;
                }

                if (accumulator.Take(item.EventType, item.Data) is { } delta)
                {
                    // Only text is progress: keep-alives and empty chunks do not hold the stream open.
                    idle.CancelAfter(limits.StreamIdleTimeout);
                    yield return new StreamPart(delta, null, null);
                }

                if (accumulator.Completed || accumulator.ServerError is not null || accumulator.Unreadable is not null || accumulator.TooLong)
                {
                    break;
                }
            }
        }
        finally
        {
            await events.DisposeAsync().ConfigureAwait(false);
        }

        if (failure is null && accumulator.Unreadable is { } unreadable)
        {
            failure = new Failure(ErrorCodes.InvalidResponse, $"the {LaneRouter.Name(lane)} stream could not be read: {unreadable}.", "Try again; if it persists, report it with this detail. The text received before it is in content.");
        }

        if (failure is null && accumulator.TooLong)
        {
            failure = new Failure(
                ErrorCodes.StreamInterrupted,
                $"the streamed answer was cut off: it passed {limits.StreamMaxAnswerChars / 1024} Ki characters, the most one streamed answer may hold.",
                "The text up to the limit is in content; ask for a shorter answer, or continue from where it stopped.");
        }

        if (failure is null && accumulator.ServerError is { } said)
        {
            failure = new Failure(ErrorCodes.UpstreamUnavailable, $"xAI ended the stream with an error: {Printable(said)}.", Hints.RetryLater);
        }

        failure ??= accumulator.Completed ? null : Interrupted("it ended before the answer was complete.");
        yield return observed.Streamed(failure is null ? new StreamPart(null, accumulator.Answer, null, failedOver) : new StreamPart(null, accumulator.Answer, failure, failedOver));
    }

    private async Task<Outcome<ChatExchange>> ExchangeAsync(ChatRequest request, CancellationToken cancellationToken)
    {
        var resolved = await bearers.ResolveAsync(request.UpstreamModel, cancellationToken).ConfigureAwait(false);
        if (!resolved.IsSuccess)
        {
            return resolved.Failure;
        }

        var call = new CallBearer(bearers, resolved.Value);
        var lane = LaneFor(request.UpstreamModel, call.Current);
        var failedOver = false;
        LogEvents.ChatRouted(log, request.PublicModelId, LaneRouter.Name(lane));
        while (true)
        {
            var body = ChatRequestBodies.For(request, lane);
            var url = lane == Lane.Responses ? responsesUrl : chatCompletionsUrl;
            var sent = await http().SendAsync(
                () =>
                {
                    var content = new ByteArrayContent(body);
                    content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                    var message = new HttpRequestMessage(HttpMethod.Post, url) { Content = content }.Authenticated(call, request.UpstreamModel);
                    if (request.Stream)
                    {
                        message.Headers.Accept.ParseAdd("text/event-stream");
                    }

                    return message;
                },
                RequestKind.ChatPost,
                cancellationToken,
                streamOnSuccess: request.Stream).ConfigureAwait(false);
            if (!sent.IsSuccess)
            {
                return sent.Failure;
            }

            var reply = sent.Value;
            if (reply.IsSuccess)
            {
                await LearnAsync(call.Current, request.UpstreamModel, worked: true, cancellationToken).ConfigureAwait(false);
                return new ChatExchange(reply, lane, failedOver);
            }

            if (ApiErrorClassifier.RefusesModel(reply))
            {
                await LearnAsync(call.Current, request.UpstreamModel, worked: false, cancellationToken).ConfigureAwait(false);
                return new Failure(ErrorCodes.ModelUnavailable, $"xAI does not offer {request.PublicModelId} to this account (HTTP {reply.StatusCode}).", "Pick one of available_models (see models); it no longer lists this one.")
                {
                    AvailableModels = models.Known(call.Current) is { } offered ? [.. offered.Chat.Select(model => model.Id)] : null,
                };
            }

            switch (ApiErrorClassifier.Classify(reply))
            {
                case ApiErrorKind.WrongLane when lane == Lane.ChatCompletions && !failedOver:
                    failedOver = true;
                    lane = Lane.Responses;
                    LogEvents.ChatFailedOver(log, request.PublicModelId, LaneRouter.Name(lane));
                    continue;
                case ApiErrorKind.NotFound:
                    return new Failure(ErrorCodes.ModelUnavailable, $"xAI does not offer {request.PublicModelId} to this account (HTTP 404).", "Pick one of the models from the models call.");
                default:
                    return ApiFailures.From(reply, $"the chat call to {request.PublicModelId}", call.Current.Token, call.Current.IsApiKey);
            }
        }
    }

    // A known unlisted model that worked, or a refused one that works again, changes what is offered; any other success
    // changes nothing and costs no more than a statx. Best effort: a lock held too long must not fail a chat that worked.
    private async Task LearnAsync(Bearer bearer, string upstream, bool worked, CancellationToken cancellationToken)
    {
        var learned = models.Learned(bearer, upstream);
        if (learned == worked || (worked && learned is null && !LaneRouter.KnownUnlistedMultiAgentModels.Contains(upstream)))
        {
            return;
        }

        try
        {
            await models.RecordAsync(bearer, upstream, worked, cancellationToken).ConfigureAwait(false);
        }
        catch (StorageException exception)
        {
            LogEvents.ModelAccessNotRecorded(log, ModelKinds.Prefix + upstream, exception.Message);
        }
    }

    // The model list's own lane hint wins over the rule; the rule decides for a model the list does not know.
    // Decided with the bearer the request goes out with: its account's model list, already read once for this call.
    private Lane LaneFor(string upstream, Bearer bearer)
    {
        var known = models.Known(bearer)?.Chat.FirstOrDefault(model => model.UpstreamId == upstream);
        return known?.Lane == LaneRouter.Name(Lane.Responses) ? Lane.Responses
            : known is not null ? Lane.ChatCompletions
            : LaneRouter.LaneFor(upstream);
    }

    private static Failure Invalid(string detail, string hint) => new(ErrorCodes.InvalidRequest, detail, hint);

    private static Failure Interrupted(string why) =>
        new(ErrorCodes.StreamInterrupted, $"the streamed answer was cut off: {why}", "Ask again; the partial text is in content.");

    private static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("0", System.Globalization.CultureInfo.InvariantCulture);

    private static string Printable(string text) => PrintableText.Clean(text, 80);
}
