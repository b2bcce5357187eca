using XaiGrok.Onboarding.DeviceGrant;

namespace XaiGrok.Onboarding.Stores;

/// <summary>The person's device sign-ins started with <c>start</c> and not yet polled to an end.</summary>
internal interface IPendingFlowStore
{
    /// <summary>
    /// Takes the person's sign-in lock, shared by every process and replica of this store: a poll holds it from reading
    /// the flow's next poll time to saving the answer, so two pollers never both reach the token endpoint within one
    /// interval, whichever replica they run on.
    /// </summary>
    /// <exception cref="Storage.StorageException">Not taken within the lock timeout, or the store is unreachable.</exception>
    Task<IDisposable> LockAsync(CancellationToken cancellationToken);

    void Save(PendingFlow flow);

    /// <summary>The flow, or null when it is unknown or unreadable.</summary>
    PendingFlow? Load(string pendingId);

    /// <summary>Every readable pending flow, newest first.</summary>
    IReadOnlyList<PendingFlow> All();

    void Remove(string pendingId);

    /// <summary>Removes every pending flow; returns how many there were.</summary>
    int RemoveAll();
}
