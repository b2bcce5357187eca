using System.Text.Json.Nodes;

namespace XaiGrok.Emulator;

/// <summary>The device authorization endpoint of RFC 8628 §3.1–3.2.</summary>
internal sealed class DeviceAuthorizationEndpoint(EmulatorState state)
{
    public async Task<IResult> HandleAsync(HttpContext context)
    {
        OAuthResults.ForbidCaching(context.Response);
        var (form, error) = await OAuthForm.ReadAsync(context);
        if (form is null)
        {
            return error!;
        }

        if (form["client_id"] is not { } clientId)
        {
            return OAuthResults.Error(OAuthErrors.InvalidClient, "client_id is required for a public client.");
        }

        if (!state.IsAcceptedClient(clientId))
        {
            return OAuthResults.Error(OAuthErrors.InvalidClient, "Unknown client.");
        }

        var scope = form["scope"] ?? Scopes.Default;
        if (!Scopes.AreSupported(scope))
        {
            return OAuthResults.Error(OAuthErrors.InvalidScope, "The requested scope is unknown.");
        }

        var options = state.Options;
        var store = state.Store;
        var flow = new DeviceFlow(
            RandomValues.OpaqueToken(),
            RandomValues.UserCode(),
            clientId,
            scope,
            state.Clock.GetUtcNow().AddSeconds(options.DeviceCodeLifetimeSeconds),
            options.PollIntervalSeconds);
        state.IssuedSecrets.Enqueue(flow.DeviceCode);
        lock (store.Gate)
        {
            store.FlowsByDeviceCode[flow.DeviceCode] = flow;
            store.FlowsByUserCode[flow.UserCode] = flow;
            store.LatestUserCode = UserCodes.Display(flow.UserCode);
        }

        var userCode = UserCodes.Display(flow.UserCode);
        var verificationUri = state.Url(EmulatorPaths.Verification);
        var response = new JsonObject
        {
            ["device_code"] = flow.DeviceCode,
            ["user_code"] = userCode,
            ["verification_uri"] = verificationUri,
            ["verification_uri_complete"] = verificationUri + "?user_code=" + Uri.EscapeDataString(userCode),
            ["expires_in"] = options.DeviceCodeLifetimeSeconds,
        };
        if (!options.OmitInterval)
        {
            response["interval"] = options.PollIntervalSeconds;
        }

        return Results.Json(response);
    }
}
