using XaiGrok.Onboarding.Stores;

namespace XaiGrok.Onboarding.Platform;

/// <summary>
/// The platform's default store: one 0700 folder per user under the state root, the user's files in it coordinated by
/// <c>flock</c>. Every process of one machine that shares the root shares the users.
/// </summary>
internal sealed class FileUserStore(string root) : GrokUserStore
{
    internal override IOnboardingStoreFactory ForUser(string userId) => FileStoreFactory.Instance;

    internal override Task<IReadOnlyList<LinkedUser>> ListLinkedUsersAsync(TimeProvider clock, TimeSpan lockTimeout, CancellationToken cancellationToken) =>
        Task.FromResult(LinkedUsers.Read(root, clock, lockTimeout));

    /// <summary>The folder goes with <see cref="GrokPlatform.RevokeAsync"/> whatever the store: nothing more here.</summary>
    internal override Task ForgetAsync(string userId, CancellationToken cancellationToken) => Task.CompletedTask;

    internal override string Describe() => "the state root " + root;
}
