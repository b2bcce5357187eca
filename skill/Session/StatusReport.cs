using XaiGrok.Onboarding.Credentials;
using XaiGrok.Onboarding.DeviceGrant;
using XaiGrok.Onboarding.Errors;
using XaiGrok.Onboarding.Models;

namespace XaiGrok.Onboarding.Session;

/// <summary>
/// What <c>status</c> knows from local state: the usable credential (after an early refresh if one was due), the
/// stored one when it is not usable, waiting sign-ins, cached models, and what is wrong, if anything.
/// </summary>
internal sealed record StatusReport(Credential? Usable, Credential? Stored, IReadOnlyList<PendingFlow> Pending, ModelList? Models, Failure? Problem)
{
    /// <summary>
    /// The sign-in method that fills the session, the first configured in GROK-CLI-AUTH.md's order:
    /// <c>external_provider</c>, <c>oidc</c> or <c>oauth</c>.
    /// </summary>
    public string SignInMethod { get; init; } = CredentialSources.OAuth;

    /// <summary>The model chosen with use-model (upstream id), when one was.</summary>
    public string? SelectedModel { get; init; }

    /// <summary>True when no session token is active and <c>XAI_API_KEY</c> serves the calls instead.</summary>
    public bool ApiKeyActive { get; init; }

    /// <summary>Why higher sources were not used (e.g. "external auth provider was skipped: it exited 1").</summary>
    public IReadOnlyList<string> Skipped { get; init; } = [];

    /// <summary>The sign-in link an external provider printed, when it asked for one.</summary>
    public string? SignInUrl { get; init; }
}
