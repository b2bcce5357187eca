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
internal sealed class ModelService(SessionManager session, BearerResolver bearers, Func<ModelsClient> client, ModelCache cache, StatePaths paths, Uri apiBase, TimeProvider clock, TimeSpan lockTimeout)
{
    /// <summary>Cached models for the account behind <paramref name="bearer"/>, without any network request; null when unknown.</summary>
    public ModelList? Known(Bearer bearer) => cache.TryGet(ModelCache.KeyFor(apiBase, bearer.AccountKey));

    public async Task<Outcome<ModelsView>> GetAsync(bool force, CancellationToken cancellationToken)
    {
        var bearer = await bearers.ResolveAsync(upstreamModel: null, cancellationToken).ConfigureAwait(false);
        return bearer.IsSuccess ? await GetAsync(bearer.Value, force, cancellationToken).ConfigureAwait(false) : bearer.Failure;
    }

    public async Task<Outcome<ModelsView>> GetAsync(Bearer bearer, bool force, CancellationToken cancellationToken)
    {
        var key = ModelCache.KeyFor(apiBase, bearer.AccountKey);
        if (!force && cache.TryGet(key) is { } cached)
        {
            return new ModelsView(cached, Cached: true);
        }

        using var held = await CrossProcessLock.AcquireAsync(paths.ModelCacheLock, lockTimeout, clock, cancellationToken).ConfigureAwait(false);
        if (!force && cache.TryGet(key) is { } storedMeanwhile)
        {
            return new ModelsView(storedMeanwhile, Cached: true);
        }

        var fetch = await client().FetchAsync(apiBase, bearer.Token, bearer.IsApiKey, cancellationToken).ConfigureAwait(false);
        if (fetch.CredentialsExpired && bearer.Session is { } credential)
        {
            var refreshed = await session.RefreshAsync(credential, force: true, cancellationToken).ConfigureAwait(false);
            if (!refreshed.IsSuccess)
            {
                return refreshed.Failure;
            }

            fetch = await client().FetchAsync(apiBase, refreshed.Value.AccessToken, bearerIsApiKey: false, cancellationToken).ConfigureAwait(false);
        }

        if (fetch.UpstreamIds is not { } ids)
        {
            return fetch.Failure!;
        }

        return new ModelsView(cache.Store(key, ids), Cached: false);
    }
}
