using XaiGrok.Onboarding.Credentials;
using XaiGrok.Onboarding.DeviceGrant;
using XaiGrok.Onboarding.Stores;

namespace XaiGrok.Onboarding.Bench.Stores;

/// <summary>
/// The store work of each operation, in the order the engine does it (SessionManager, SignInService, ModelService),
/// without the HTTP request around it: what the store alone costs.
/// </summary>
internal sealed class StoreOperations(OnboardingStores stores, Credential shape, string modelKey, string pendingId)
{
    /// <summary>A refresh's share: lock, re-read, reserve, write the new credential, release (the token request left out).</summary>
    public async Task RefreshAsync()
    {
        using var held = await stores.Credentials.LockAsync(CancellationToken.None);
        var current = stores.Credentials.Read().Credential ?? throw new InvalidOperationException("no credential stored");
        using var reserved = stores.Credentials.Reserve(current);
        reserved.Commit(SyntheticUser.Credential(shape));
    }

    /// <summary>What every call pays for its bearer (GetUsableAsync).</summary>
    public async Task ReadCredentialAsync()
    {
        var read = await stores.Credentials.ReadOrQuarantineAsync(CancellationToken.None);
        _ = read.Credential ?? throw new InvalidOperationException("no credential read");
    }

    /// <summary>What a refresh pays after taking the lock: the stored credential itself, never a copy in memory.</summary>
    public Task ReadCredentialUncachedAsync()
    {
        _ = stores.Credentials.Read().Credential ?? throw new InvalidOperationException("no credential read");
        return Task.CompletedTask;
    }

    public Task ReadModelListAsync()
    {
        _ = stores.ModelCache.TryGet(modelKey) ?? throw new InvalidOperationException("no model list read");
        return Task.CompletedTask;
    }

    /// <summary>A poll answered "pending": sign-in lock, load the flow, save its next poll time, release.</summary>
    public async Task PollAsync()
    {
        using var held = await stores.PendingFlows.LockAsync(CancellationToken.None);
        var flow = stores.PendingFlows.Load(pendingId) ?? throw new InvalidOperationException("no pending flow");
        stores.PendingFlows.Save(flow with { NextPollAt = TimeProvider.System.GetUtcNow().AddSeconds(flow.IntervalSeconds) });
    }

    /// <summary>Writes what a connected user holds: the credential, the model list, the chosen model, a waiting sign-in.</summary>
    public static async Task<StoreOperations> SeedAsync(OnboardingStores stores, Credential shape, string modelKey, IReadOnlyList<string> modelIds, PendingFlow? flow)
    {
        using (await stores.Credentials.LockAsync(CancellationToken.None))
        {
            stores.Credentials.Write(SyntheticUser.Credential(shape));
        }

        stores.ModelCache.Store(modelKey, modelIds);
        stores.ModelChoice.Select(modelIds[0]);
        if (flow is not null)
        {
            using (await stores.PendingFlows.LockAsync(CancellationToken.None))
            {
                stores.PendingFlows.Save(flow);
            }
        }

        return new StoreOperations(stores, shape, modelKey, flow?.PendingId ?? "");
    }
}
