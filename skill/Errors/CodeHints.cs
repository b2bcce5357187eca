namespace XaiGrok.Onboarding.Errors;

/// <summary>
/// The hint a failure carries when the code that made it gave none: every error code has one, so no
/// <c>ok:false</c> leaves the caller without a next step.
/// </summary>
internal static class CodeHints
{
    /// <summary>The hint for <paramref name="code"/>; null for a code that is not one of <see cref="ErrorCodes"/>.</summary>
    public static string? For(string code) => code switch
    {
        ErrorCodes.AccessDenied => Hints.AccountGate,
        ErrorCodes.Expired => Hints.StartAgain,
        ErrorCodes.RateLimited => "xAI is limiting requests: wait the time retry_after_seconds gives (else a minute), then try again.",
        ErrorCodes.Forbidden => Hints.Forbidden,
        ErrorCodes.ReauthRequired => Hints.LoginAgain,
        ErrorCodes.UpstreamUnavailable => Hints.RetryLater,
        ErrorCodes.NotConnected => Hints.Connect,
        ErrorCodes.NoPendingFlow => "Run start first (it returns the verification URL), then poll after the person approves.",
        ErrorCodes.ClientNotConfigured => Hints.ConfigureClient,
        ErrorCodes.InvalidConfiguration => "Fix the setting the detail names (environment variable or config file), then try again.",
        ErrorCodes.NetworkError => Hints.CheckNetwork,
        ErrorCodes.InvalidResponse => "The server answered something this client cannot use; try again, and report it if it keeps happening.",
        ErrorCodes.CredentialStoreError => "Check the state folder (XAI_GROK_HOME): it must be a folder you own with mode 0700, on a disk with free space.",
        ErrorCodes.OAuthError => "The sign-in server refused the request; try again later, and check XAI_OAUTH_ISSUER and XAI_OAUTH_CLIENT_ID if it keeps happening.",
        ErrorCodes.InternalError => "Please report this with the steps that led to it.",
        ErrorCodes.ModelUnavailable => "Choose one of the models the subscription includes (run models to list them).",
        ErrorCodes.InvalidRequest => "Fix what the detail names in the request, then send it again.",
        ErrorCodes.StreamInterrupted => "The answer was cut off; ask again (the text received so far is in content).",
        ErrorCodes.ApiKeyRejected => "xAI refused the API key: check it at https://console.x.ai, or sign in with the subscription instead (start).",
        ErrorCodes.UsageError => "Run the command with --help to see the arguments it takes.",
        ErrorCodes.Terminated => "The call was stopped before it finished; run it again.",
        ErrorCodes.GenerationFailed => "Change the prompt (it may have been refused by moderation) and try again.",
        _ => null,
    };
}
