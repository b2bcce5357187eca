using XaiGrok.Onboarding.DeviceGrant;
using XaiGrok.Onboarding.Errors;
using XaiGrok.Onboarding.Models;

namespace XaiGrok.Onboarding.Session;

/// <summary>Local state only: no request unless the token is inside its early-refresh window.</summary>
internal sealed class StatusService(SessionManager session, PendingFlowStore flows, ModelService models, ModelSelection selection, TimeProvider clock)
{
    public async Task<StatusReport> GetAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var pending = flows.All().Where(flow => flow.ExpiresAt > now).ToArray();
        var usable = await session.GetUsableAsync(cancellationToken).ConfigureAwait(false);
        if (usable.IsSuccess)
        {
            return new StatusReport(usable.Value, usable.Value, pending, models.Known(usable.Value), null) { SelectedModel = selection.Selected() };
        }

        var stored = session.Store.Read().Credential;
        var problem = usable.Failure.Code == ErrorCodes.NotConnected && stored is null && !File.Exists(session.Store.Paths.CredentialFile + Storage.StatePaths.CorruptSuffix)
            ? null
            : usable.Failure;
        return new StatusReport(null, stored, pending, null, problem) { SelectedModel = selection.Selected() };
    }
}
