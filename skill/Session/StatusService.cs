using XaiGrok.Onboarding.Credentials;
using XaiGrok.Onboarding.Models;
using XaiGrok.Onboarding.Stores;

namespace XaiGrok.Onboarding.Session;

/// <summary>
/// Local state only: no request unless the token is inside its early-refresh window (or the external provider has to
/// fill the session). Says which source is active and why the higher ones were skipped.
/// </summary>
internal sealed class StatusService(SessionManager session, IPendingFlowStore flows, ModelService models, IModelChoiceStore selection, string? apiKey, string signInMethod, TimeProvider clock)
{
    public async Task<StatusReport> GetAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var pending = flows.All().Where(flow => flow.ExpiresAt > now).ToArray();
        var usable = await session.GetUsableAsync(cancellationToken).ConfigureAwait(false);
        var skipped = new List<string>();
        if (session.LastProviderSkip is { } providerSkip && !usable.IsSuccess)
        {
            skipped.Add(providerSkip.Detail);
        }

        if (usable.IsSuccess)
        {
            var bearer = new Bearer(usable.Value.AccessToken, usable.Value.Source, usable.Value);
            return new StatusReport(usable.Value, usable.Value, pending, models.Known(bearer), null) { SelectedModel = selection.Selected(), SignInMethod = signInMethod };
        }

        var stored = session.Store.Read().Credential;
        // Only "nothing stored" is quiet; a file that cannot be used (corrupt, a folder, a symlink) is a problem to report.
        var noSessionAtAll = ReferenceEquals(usable.Failure, SessionManager.NoSession) && !session.Store.HasQuarantinedCopy;
        if (apiKey is not null)
        {
            skipped.Add(noSessionAtAll ? "no session token is stored" : $"the session token is not usable ({usable.Failure.Detail.TrimEnd('.')})");
            return new StatusReport(null, null, pending, models.Known(new Bearer(apiKey, CredentialSources.ApiKey, null)), null)
            {
                SelectedModel = selection.Selected(),
                SignInMethod = signInMethod,
                ApiKeyActive = true,
                Skipped = skipped,
            };
        }

        return new StatusReport(null, stored, pending, null, noSessionAtAll && skipped.Count == 0 ? null : usable.Failure)
        {
            SelectedModel = selection.Selected(),
            SignInMethod = signInMethod,
            Skipped = skipped,
            SignInUrl = usable.Failure.SignInUrl ?? session.LastProviderSkip?.SignInUrl,
        };
    }
}
