using XaiGrok.Onboarding.Credentials;
using XaiGrok.Onboarding.Errors;
using XaiGrok.Onboarding.Http;
using XaiGrok.Onboarding.Telemetry;

namespace XaiGrok.Onboarding.Media;

/// <summary>
/// The one place a media call gets its credential and follows chat's rules: the bearer for the model (a per-model key,
/// the session token, then <c>XAI_API_KEY</c>); a 401, or a 403 <c>unauthenticated:bad-credentials</c>, refreshes once
/// and sends once more (<see cref="BearerHandler"/>); every other refusal is classified by <see cref="ApiFailures"/>.
/// 429 and 5xx retries are the pipeline's, by <see cref="RequestKind"/>. Only requests to the API's own origin go
/// through here.
/// </summary>
internal sealed class MediaApi(BearerResolver bearers, Func<HttpSender> http)
{
    private const string InvalidHint = "Check the model id, the prompt and the options; see detail.";

    public async Task<Outcome<HttpReply>> SendAsync(string? upstreamModel, Func<HttpRequestMessage> build, RequestKind kind, string what, CancellationToken cancellationToken, bool streamOnSuccess = false, Failure? whenNotFound = null)
    {
        var observed = new MediaCall(upstreamModel, kind);
        return observed.End(await SendCoreAsync(upstreamModel, observed.Watch(build), kind, what, cancellationToken, streamOnSuccess, whenNotFound).ConfigureAwait(false));
    }

    private async Task<Outcome<HttpReply>> SendCoreAsync(string? upstreamModel, Func<HttpRequestMessage> build, RequestKind kind, string what, CancellationToken cancellationToken, bool streamOnSuccess, Failure? whenNotFound)
    {
        var resolved = await bearers.ResolveAsync(upstreamModel, cancellationToken).ConfigureAwait(false);
        if (!resolved.IsSuccess)
        {
            return resolved.Failure;
        }

        var call = new CallBearer(bearers, resolved.Value);
        var sent = await http().SendAsync(() => build().Authenticated(call, upstreamModel), kind, cancellationToken, streamOnSuccess).ConfigureAwait(false);
        if (!sent.IsSuccess || sent.Value.IsSuccess)
        {
            return sent;
        }

        var reply = sent.Value;
        if (whenNotFound is not null && ApiErrorClassifier.Classify(reply) == ApiErrorKind.NotFound)
        {
            return whenNotFound;
        }

        var failure = ApiFailures.From(reply, what, call.Current.Token, call.Current.IsApiKey);
        return failure.Code == ErrorCodes.InvalidRequest ? failure with { Hint = InvalidHint } : failure;
    }
}
