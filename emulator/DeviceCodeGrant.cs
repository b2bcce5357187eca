namespace XaiGrok.Emulator;

/// <summary>The device access token request of RFC 8628 §3.4–3.5.</summary>
internal sealed class DeviceCodeGrant(EmulatorState state)
{
    private const int SlowDownIncrementSeconds = 5;
    private readonly TokenIssuer _issuer = new(state);

    public IResult Redeem(OAuthForm form, string clientId)
    {
        if (form["device_code"] is not { } deviceCode)
        {
            return OAuthResults.Error(OAuthErrors.InvalidRequest, "device_code is required.");
        }

        var store = state.Store;
        var now = state.Clock.GetUtcNow();
        lock (store.Gate)
        {
            if (!store.FlowsByDeviceCode.TryGetValue(deviceCode, out var flow)
                || flow.Status == DeviceFlowStatus.Redeemed
                || !string.Equals(flow.ClientId, clientId, StringComparison.Ordinal))
            {
                return OAuthResults.Error(OAuthErrors.InvalidGrant, "The device code is unknown, already used, or was issued to another client.");
            }

            if (flow.Status == DeviceFlowStatus.Expired || now >= flow.ExpiresAt)
            {
                flow.Status = DeviceFlowStatus.Expired;
                return OAuthResults.Error(OAuthErrors.ExpiredToken, "The device code has expired.");
            }

            var previousPoll = flow.LastPollAt;
            flow.LastPollAt = now;
            if (state.Options.EnforcePollInterval && now - previousPoll < TimeSpan.FromSeconds(flow.IntervalSeconds))
            {
                flow.IntervalSeconds += SlowDownIncrementSeconds;
                return OAuthResults.Error(OAuthErrors.SlowDown, $"Polled too often; wait at least {flow.IntervalSeconds} seconds between requests.");
            }

            switch (flow.Status)
            {
                case DeviceFlowStatus.Denied:
                    return OAuthResults.Error(OAuthErrors.AccessDenied, "The user denied the authorization request.");
                case DeviceFlowStatus.Pending:
                    return OAuthResults.Error(OAuthErrors.AuthorizationPending, "The user has not yet completed the authorization.");
                default:
                    flow.Status = DeviceFlowStatus.Redeemed;
                    var grant = new Grant(flow.Subject ?? store.NextSubject(), flow.ClientId, flow.Scope, flow.Tier, nonce: null);
                    return Results.Json(_issuer.Issue(grant));
            }
        }
    }
}
