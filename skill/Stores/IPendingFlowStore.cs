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

    /// <summary>
    /// Remembers, under the sign-in lock and in the hold that removed them, that <paramref name="pendingIds"/> ended in
    /// a connection, until <paramref name="keepUntil"/> and at least <see cref="CompletedSignIns.KeptAtLeast"/>; at most
    /// <see cref="CompletedSignIns.MaxEntries"/> per person, the newest. A poll for one of them on any replica then
    /// answers <c>connected</c> instead of <c>no_pending_flow</c>. Pending ids are not secrets (results show them).
    /// </summary>
    /// <returns>
    /// Whether it was recorded. Best effort: the session is already stored, so a failure here must not turn the sign-in
    /// into one; a later poll then only finds no flow.
    /// </returns>
    bool RecordCompleted(IReadOnlyCollection<string> pendingIds, DateTimeOffset now, DateTimeOffset keepUntil);

    /// <summary>Whether the flow <paramref name="pendingId"/> completed recently; without an id, whether any did.</summary>
    bool Completed(string? pendingId, DateTimeOffset now);

    /// <summary>Forgets every completion (logout: a later poll must not say connected).</summary>
    void ClearCompleted();
}
