using XaiGrok.Onboarding.Stores;

namespace XaiGrok.Onboarding.PostgreSql;

/// <summary>The stores of one person (by the host's user id) in the shared database, for one runtime.</summary>
internal sealed class PostgreSqlUserStores(PostgreSqlDatabase database, string userId, SecretSealing sealing) : IOnboardingStoreFactory
{
    public OnboardingStores Create(StoreContext context) => new(
        new PostgreSqlCredentialStore(database, userId, sealing, context.Clock, context.Options.LockTimeout, context.Secrets),
        new PostgreSqlPendingFlowStore(database, userId, sealing, context.Options.LockTimeout),
        new PostgreSqlModelCache(database, userId, context.Clock, context.Options.ModelsCacheTtl),
        new PostgreSqlModelChoice(database, userId));
}
