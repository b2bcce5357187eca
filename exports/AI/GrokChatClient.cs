using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using XaiGrok.Onboarding.Errors;
using XaiGrok.Onboarding.Lanes;
using XaiGrok.Onboarding.Logging;
using XaiGrok.Onboarding.Models;
using XaiGrok.Onboarding.Runtime;
using XaiGrok.Onboarding.Secrets;
using AiMessage = Microsoft.Extensions.AI.ChatMessage;

namespace XaiGrok.Onboarding.AI;

/// <summary>
/// <see cref="IChatClient"/> over one person's session: the engine's <see cref="ChatService"/> does the routing,
/// refresh and failover; this class maps the shapes, redacts what comes back as <see cref="GrokOnboarding"/> does,
/// and turns an expected failure into <see cref="XaiGrokException"/>. It owns nothing, so disposing it does nothing.
/// </summary>
internal sealed class GrokChatClient(GrokOnboarding owner, OnboardingRuntime runtime, string? defaultUpstream) : IChatClient
{
    // OpenTelemetry's gen_ai.provider.name for xAI; M.E.AI's telemetry middleware reports the metadata's name.
    public const string ProviderName = "x_ai";

    private const string CallName = "chat_client";

    private readonly ILogger log = runtime.Logging.CreateLogger("XaiGrok.Onboarding.ChatClient");

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<AiMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        cancellationToken.ThrowIfCancellationRequested();
        var started = runtime.Clock.GetTimestamp();
        var request = Prepare(messages, options, stream: false);
        Outcome<(ChatAnswer Answer, bool FailedOver)> answered;
        try
        {
            answered = await runtime.Chat.ChatAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            throw Fail(owner.Problem(exception), exception);
        }

        if (!answered.IsSuccess)
        {
            throw Fail(answered.Failure);
        }

        var (answer, failedOver) = answered.Value;
        LogEvents.CallSucceeded(log, CallName, (long)runtime.Clock.GetElapsedTime(started).TotalMilliseconds);
        return ChatClientOutput.Response(answer, runtime.Secrets.Redact(answer.Content), failedOver, runtime.Clock.GetUtcNow());
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<AiMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        cancellationToken.ThrowIfCancellationRequested();
        var started = runtime.Clock.GetTimestamp();
        var request = Prepare(messages, options, stream: true);
        var createdAt = runtime.Clock.GetUtcNow();

        // A secret the server echoes may be split across two pieces: the redactor holds back a piece's end until the
        // next one shows whether a secret goes on there.
        var redactor = new StreamRedactor(runtime.Secrets);
        await using var parts = runtime.Chat.StreamAsync(request, cancellationToken).GetAsyncEnumerator(cancellationToken);
        while (true)
        {
            bool more;
            try
            {
                more = await parts.MoveNextAsync().ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                throw Fail(owner.Problem(exception), exception);
            }

            if (!more)
            {
                // The engine always ends with a result part; reaching here is a bug.
                throw Fail(new Failure(ErrorCodes.InternalError, "the stream ended without a result.", null));
            }

            var part = parts.Current;
            if (part.Delta is { } delta)
            {
                if (redactor.Take(delta) is { Length: > 0 } shown)
                {
                    yield return ChatClientOutput.Delta(shown, request.PublicModelId, createdAt);
                }

                continue;
            }

            if (redactor.Flush() is { Length: > 0 } held)
            {
                yield return ChatClientOutput.Delta(held, request.PublicModelId, createdAt);
            }

            if (part.Failure is { } failure)
            {
                throw Fail(failure);
            }

            LogEvents.CallSucceeded(log, CallName, (long)runtime.Clock.GetElapsedTime(started).TotalMilliseconds);
            yield return ChatClientOutput.End(part.Answer!, part.FailedOver, createdAt);
            yield break;
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is not null ? null
            : serviceType == typeof(ChatClientMetadata) ? new ChatClientMetadata(ProviderName, runtime.Options.ApiBaseUrl, DefaultModelId())
            : serviceType == typeof(GrokOnboarding) ? owner
            : serviceType.IsInstanceOfType(this) ? this
            : null;
    }

    public void Dispose()
    {
    }

    // The model a call without ChatOptions.ModelId gets: the client's, else the chosen one, else the engine's default.
    private string DefaultModelId()
    {
        try
        {
            return ModelKinds.Prefix + (defaultUpstream ?? runtime.Selection.Selected() ?? ModelKinds.DefaultModelId[ModelKinds.Prefix.Length..]);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or Storage.StorageException)
        {
            return ModelKinds.Prefix + (defaultUpstream ?? ModelKinds.DefaultModelId[ModelKinds.Prefix.Length..]);
        }
    }

    // The same gate as every GrokOnboarding call: settings that do not parse and an unsafe state folder stop the call
    // before anything is read or sent.
    private ChatRequest Prepare(IEnumerable<AiMessage> messages, ChatOptions? options, bool stream)
    {
        Outcome<ChatRequest> request;
        try
        {
            if (Config.InvalidSetting.FailureFor(runtime.Options.InvalidSettings) is { } misconfigured)
            {
                request = misconfigured;
            }
            else
            {
                runtime.EnsureHome();
                var call = ChatClientInput.Read(messages, options, defaultUpstream);
                request = call.IsSuccess ? runtime.Chat.Prepare(call.Value.Model, call.Value.Messages, call.Value.Thinking, stream) : call.Failure;
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            throw Fail(owner.Problem(exception), exception);
        }

        return request.IsSuccess ? request.Value : throw Fail(request.Failure);
    }

    private XaiGrokException Fail(Failure failure, Exception? unexpected = null)
    {
        var detail = runtime.Secrets.Redact(failure.Detail);
        var hint = failure.Hint is null ? null : runtime.Secrets.Redact(failure.Hint);
        if (failure.Code == ErrorCodes.InternalError && unexpected is not null)
        {
            LogEvents.CallCrashed(log, CallName, unexpected.GetType().Name);
            LogEvents.CallCrashTrace(log, CallName, unexpected);
        }

        LogEvents.CallFailed(log, CallName, failure.Code, detail);

        // The unexpected exception is not the inner exception: its message could quote a server's answer.
        return new XaiGrokException(failure.Code, detail, hint, FailureKinds.Of(failure.Code))
        {
            RetryAfterSeconds = failure.RetryAfterSeconds,
            AvailableModels = failure.AvailableModels,
        };
    }
}
