namespace XaiGrok.Onboarding.Errors;

/// <summary>The "what to do next" texts that more than one failure shares.</summary>
internal static class Hints
{
    public const string AccountGate =
        "xAI denied the grant for this account; retrying will not change that. Preflight: (1) check the subscription " +
        "is active at grok.com settings; (2) at grok.com > Settings > Account, connect the X account that carries the " +
        "Premium/Premium+ tag; (3) sign out and back in at https://accounts.x.ai; (4) open the verification URL in the " +
        "browser that is already signed in, then run start again. If it is still denied, use a pay-per-token API key " +
        "from https://console.x.ai through the platform's API-key setup: it bills per token instead of using the subscription.";

    public const string Forbidden =
        "xAI refused this token for the request (subscription entitlement or the OAuth allowlist); refreshing will not " +
        "help. Check the subscription at grok.com, link the X account (grok.com > Settings > Account) and sign in again " +
        "at https://accounts.x.ai; or use a pay-per-token API key from https://console.x.ai through the platform's API-key setup.";

    public const string StartAgain = "The sign-in code timed out. Run start again and approve within the time shown.";

    // The session ended without the person asking for anything: a new sign-in is theirs to choose, not the agent's.
    public const string LoginAgain =
        "The session has ended and can no longer be refreshed. Tell the person and ask whether they want to sign in " +
        "again; only if they do, run logout, then start (or use a pay-per-token API key from https://console.x.ai).";

    public const string FreeSpaceThenRetry =
        "The state folder's disk is full (or not writable): free some space there (or set XAI_GROK_HOME to a folder on " +
        "another disk), then try again. The session itself is intact.";

    public const string SessionLostUnsaved =
        "Repeating the refresh cannot bring this session back. Free some space on the state folder's disk first (or set " +
        "XAI_GROK_HOME to a folder on another disk), then sign in again when the person wants to reconnect (logout, then start).";

    public const string Connect = "Run start to sign in with the xAI subscription (or use a pay-per-token API key from https://console.x.ai).";

    public const string RetryLater = "xAI is having trouble; try again shortly. An API key uses the same upstream, so it will not help.";

    public const string CheckNetwork = "Check the network connection and try again.";

    public const string ConfigureClient =
        "Set XAI_OAUTH_CLIENT_ID to the OAuth client id registered for this platform with xAI " +
        "(export XAI_OAUTH_CLIENT_ID=...). Never borrow another product's client id.";
}
