using XaiGrok.Onboarding.Platform;
using XaiGrok.Onboarding.Stores;

namespace XaiGrok.Onboarding;

/// <summary>
/// Where a <see cref="GrokPlatform"/> keeps its users' sessions, sign-ins, model lists and chosen models. Unset
/// (<see cref="GrokPlatformOptions.Store"/> null), they are files in one folder per user under
/// <see cref="GrokPlatformOptions.StateRoot"/>, shared by the processes of one machine; the package
/// XaiGrok.Onboarding.PostgreSql gives <c>GrokPostgreSqlStore</c>, shared by replicas on any number of machines. Only
/// this library and its packages make stores: each keeps the rules the contract tests hold both to (one refresh per
/// user per expiry, a sent refresh stored whatever the caller's cancellation).
/// </summary>
public abstract class GrokUserStore
{
    // Internal: a store is a set of engine interfaces (locks, reservations) that only the library's packages implement.
    internal GrokUserStore()
    {
    }

    /// <summary>The stores of one user (the id already checked by <see cref="GrokPlatform"/>).</summary>
    internal abstract IOnboardingStoreFactory ForUser(string userId);

    /// <summary>The users with a stored session, by user id, as every process that shares this store sees them.</summary>
    internal abstract Task<IReadOnlyList<LinkedUser>> ListLinkedUsersAsync(TimeProvider clock, TimeSpan lockTimeout, CancellationToken cancellationToken);

    /// <summary>Removes what the store still keeps of a signed-out user (after the logout removed the session itself).</summary>
    internal abstract Task ForgetAsync(string userId, CancellationToken cancellationToken);

    /// <summary>Where the store is, for a failure's hint (never a secret, never a connection string).</summary>
    internal abstract string Describe();
}
