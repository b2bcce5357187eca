namespace XaiGrok.Onboarding.Cli;

/// <summary>
/// Which sign-in <c>login</c> runs. A flag decides; without one, GROK-CLI-AUTH.md's order does: enterprise OIDC when it
/// is configured, else xAI OAuth in the browser where a browser can be opened, else the device code (which needs no
/// browser on this machine).
/// </summary>
internal static class LoginFlowChoice
{
    public static LoginFlow Choose(bool oauth, bool oidc, bool deviceCode, bool oidcConfigured, Func<bool> canOpenBrowser) =>
        (oauth, oidc, deviceCode) switch
        {
            (true, _, _) => LoginFlow.OAuth,
            (_, true, _) => LoginFlow.Oidc,
            (_, _, true) => LoginFlow.DeviceCode,
            _ when oidcConfigured => LoginFlow.Oidc,
            _ => canOpenBrowser() ? LoginFlow.OAuth : LoginFlow.DeviceCode,
        };
}
