using XaiGrok.Onboarding.Credentials;
using XaiGrok.Onboarding.Errors;
using XaiGrok.Onboarding.Session;
using XaiGrok.Onboarding.Storage;

namespace XaiGrok.Onboarding.Models;

/// <summary>
/// The account's models: from the cache while it is valid (no request), else one <c>/v1/models</c> call made by one
/// process at a time (others wait on the lock and then read what it stored). A 401, or a 403 that says the token is
/// bad, refreshes once and retries once.
/// </summary>
internal sealed class ModelService(SessionManager session, Func<ModelsClient> client, ModelCache cache, StatePaths paths, Uri apiBase, TimeProvider clock, TimeSpan lockTimeout)
{
    /// <summary>Cached models for the stored account, without any network request; null when unknown.</summary>
    public ModelList? Known(Credential credential) => cache.TryGet(ModelCache.KeyFor(apiBase, credential.AccountKey));

    public async Task<Outcome<ModelsView>> GetAsync(bool force, CancellationToken cancellationToken)
    {
        var usable = await session.GetUsableAsync(cancellationToken).ConfigureAwait(false);
        return usable.IsSuccess ? await GetAsync(usable.Value, force, cancellationToken).ConfigureAwait(false) : usable.Failure;
    }

    public async Task<Outcome<ModelsView>> GetAsync(Credential credential, bool force, CancellationToken cancellationToken)
    {
        var key = ModelCache.KeyFor(apiBase, credential.AccountKey);
        if (!force && cache.TryGet(key) is { } cached)
        {
            return new ModelsView(cached, Cached: true);
        }

        using var held = await CrossProcessLock.AcquireAsync(paths.ModelCacheLock, lockTimeout, clock, cancellationToken).ConfigureAwait(false);
        if (!force && cache.TryGet(key) is { } storedMeanwhile)
        {
            return new ModelsView(storedMeanwhile, Cached: true);
        }

        var fetch = await client().FetchAsync(apiBase, credential.AccessToken, cancellationToken).ConfigureAwait(false);
        if (fetch.CredentialsExpired)
        {
            var refreshed = await session.RefreshAsync(credential, force: true, cancellationToken).ConfigureAwait(false);
            if (!refreshed.IsSuccess)
            {
                return refreshed.Failure;
            }

            fetch = await client().FetchAsync(apiBase, refreshed.Value.AccessToken, cancellationToken).ConfigureAwait(false);
        }

        if (fetch.UpstreamIds is not { } ids)
        {
            return fetch.Failure!;
        }

        return new ModelsView(cache.Store(key, ids), Cached: false);
    }
}
