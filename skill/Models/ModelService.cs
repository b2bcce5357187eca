using XaiGrok.Onboarding.Credentials;
using XaiGrok.Onboarding.Errors;
using XaiGrok.Onboarding.Storage;
using XaiGrok.Onboarding.Stores;

namespace XaiGrok.Onboarding.Models;

/// <summary>
/// The account's models: from the cache while it is valid (no request), else one <c>/v1/models</c> call made by one
/// process at a time (others wait on the lock and then read what it stored). What is offered is that list adjusted by
/// the tier and by what calls taught (<see cref="ModelCatalog.Offer"/>).
/// </summary>
internal sealed class ModelService(BearerResolver bearers, Func<ModelsClient> client, IModelCacheStore cache, IModelAccessStore access, StatePaths paths, Uri apiBase, TimeProvider clock, TimeSpan lockTimeout)
{
    /// <summary>Cached models for the account behind <paramref name="bearer"/>, without any network request; null when unknown.</summary>
    public ModelList? Known(Bearer bearer)
    {
        var key = ModelCache.KeyFor(apiBase, bearer.AccountKey);
        return cache.TryGet(key) is { } listed ? Offered(listed, key, bearer) : null;
    }

    /// <summary>What calls taught about the account's access to <paramref name="upstreamId"/>: true worked, false refused.</summary>
    public bool? Learned(Bearer bearer, string upstreamId) => access.For(ModelCache.KeyFor(apiBase, bearer.AccountKey)).Says(upstreamId);

    /// <summary>
    /// Remembers that a call to <paramref name="upstreamId"/> worked or was refused for the account, so that later
    /// lists (in any process) offer it or stop offering it.
    /// </summary>
    /// <exception cref="StorageException">The lock was not taken in time or the file could not be written.</exception>
    public Task RecordAsync(Bearer bearer, string upstreamId, bool worked, CancellationToken cancellationToken) =>
        access.RecordAsync(ModelCache.KeyFor(apiBase, bearer.AccountKey), upstreamId, worked, cancellationToken);

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
            return new ModelsView(Offered(cached, key, bearer), Cached: true);
        }

        using var held = await CrossProcessLock.AcquireAsync(paths.ModelCacheLock, lockTimeout, clock, cancellationToken).ConfigureAwait(false);
        if (!force && cache.TryGet(key) is { } storedMeanwhile)
        {
            return new ModelsView(Offered(storedMeanwhile, key, bearer), Cached: true);
        }

        var fetch = await client().FetchAsync(apiBase, new CallBearer(bearers, bearer), cancellationToken).ConfigureAwait(false);
        if (fetch.UpstreamIds is not { } ids)
        {
            return fetch.Failure!;
        }

        return new ModelsView(Offered(cache.Store(key, ids), key, bearer), Cached: false);
    }

    private ModelList Offered(ModelList listed, string key, Bearer bearer) => ModelCatalog.Offer(listed, bearer.Session?.Tier, access.For(key));
}
