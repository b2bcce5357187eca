using XaiGrok.Onboarding.DeviceGrant;

namespace XaiGrok.Onboarding.Stores;

/// <summary>The person's device sign-ins started with <c>start</c> and not yet polled to an end.</summary>
internal interface IPendingFlowStore
{
    void Save(PendingFlow flow);

    /// <summary>The flow, or null when it is unknown or unreadable.</summary>
    PendingFlow? Load(string pendingId);

    /// <summary>Every readable pending flow, newest first.</summary>
    IReadOnlyList<PendingFlow> All();

    void Remove(string pendingId);

    /// <summary>Removes every pending flow; returns how many there were.</summary>
    int RemoveAll();
}
