namespace XaiGrok.Samples.PlatformHost;

/// <summary>
/// The hints of the codes that ask for a sign-in, in this API's terms: the library's hints speak to a person at the CLI
/// (run start, or use an API key), neither of which a platform's user can do, and the host never uses an API key.
/// </summary>
internal static class HostHints
{
    /// <summary>The host's hint for <paramref name="code"/> about <paramref name="userId"/>; null where the library's stands.</summary>
    public static string? For(string? code, string userId)
    {
        var connect = $"POST /users/{Uri.EscapeDataString(userId)}/connect";
        return code switch
        {
            "not_connected" => $"The user has not linked an xAI account: {connect}, show them user_code and verification_url_with_code, then poll.",
            "reauth_required" => $"The user's xAI session has ended: {connect} to link the account again.",
            "no_pending_flow" => $"No sign-in is waiting for this user: {connect} first.",
            "expired" => $"The sign-in code expired before it was approved: {connect} for a new one.",
            "access_denied" => $"The person declined the sign-in: {connect} if they want to try again.",
            _ => null,
        };
    }
}
