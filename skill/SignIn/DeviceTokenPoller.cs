using XaiGrok.Onboarding.DeviceGrant;
using XaiGrok.Onboarding.Errors;
using XaiGrok.Onboarding.Http;
using XaiGrok.Onboarding.Protocol;
using XaiGrok.Onboarding.Tokens;
using Parameters = XaiGrok.Onboarding.Protocol.OAuthConstants.Parameters;

namespace XaiGrok.Onboarding.SignIn;

/// <summary>
/// One device-token poll, exactly as RFC 8628 §3.4–3.5 asks: never before the interval, <c>slow_down</c> adds 5 s,
/// a connection failure doubles the interval, <c>access_denied</c> and <c>expired_token</c> end the flow, any other
/// error stops it. At most one request per call.
/// </summary>
internal sealed class DeviceTokenPoller(Func<TokenEndpointClient> tokens, TimeProvider clock)
{
    public const int SlowDownSeconds = 5;
    private const int MaxIntervalSeconds = 120;

    public async Task<PollStep> PollOnceAsync(PendingFlow flow, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (now >= flow.ExpiresAt)
        {
            return new PollStep(PollStepKind.Expired, flow);
        }

        if (now < flow.NextPollAt)
        {
            return new PollStep(PollStepKind.TooEarly, flow);
        }

        KeyValuePair<string, string>[] form =
        [
            new(Parameters.GrantType, OAuthConstants.GrantTypes.DeviceCode),
            new(Parameters.DeviceCode, flow.DeviceCode),
            new(Parameters.ClientId, flow.ClientId),
        ];
        var answer = await tokens().RequestAsync(new Uri(flow.TokenEndpoint), form, RequestKind.Once, cancellationToken).ConfigureAwait(false);
        var after = clock.GetUtcNow();
        PendingFlow Wait(int intervalSeconds) => flow with { IntervalSeconds = intervalSeconds, NextPollAt = after + TimeSpan.FromSeconds(intervalSeconds) };

        if (answer.Tokens is { } issued)
        {
            return new PollStep(PollStepKind.Issued, flow, issued);
        }

        if (answer.Error is { } error)
        {
            return error switch
            {
                OAuthConstants.Errors.AuthorizationPending => new PollStep(PollStepKind.Pending, Wait(flow.IntervalSeconds)),
                OAuthConstants.Errors.SlowDown => new PollStep(PollStepKind.SlowDown, Wait(Math.Min(flow.IntervalSeconds + SlowDownSeconds, MaxIntervalSeconds))),
                OAuthConstants.Errors.AccessDenied => new PollStep(PollStepKind.Denied, flow),
                OAuthConstants.Errors.ExpiredToken => new PollStep(PollStepKind.Expired, flow),
                _ => new PollStep(PollStepKind.Stopped, flow, Failure: new Failure(
                    ErrorCodes.OAuthError,
                    $"the sign-in stopped: the token endpoint answered {error}{(answer.ErrorDescription is null ? "" : " (" + answer.ErrorDescription + ")")}.",
                    "Run start again; if it repeats, check XAI_OAUTH_CLIENT_ID and XAI_OAUTH_ISSUER.")
                { ServerError = error }),
            };
        }

        var failure = answer.Failure!;
        return failure.Code switch
        {
            ErrorCodes.NetworkError => new PollStep(PollStepKind.Unreachable, Wait(Math.Min(flow.IntervalSeconds * 2, MaxIntervalSeconds)), Failure: failure),
            ErrorCodes.UpstreamUnavailable => new PollStep(PollStepKind.ServerTrouble, Wait(flow.IntervalSeconds), Failure: failure),
            ErrorCodes.RateLimited => new PollStep(PollStepKind.ServerTrouble, Wait(Math.Max(flow.IntervalSeconds, failure.RetryAfterSeconds ?? 0)), Failure: failure),
            _ => new PollStep(PollStepKind.Stopped, flow, Failure: failure),
        };
    }
}
