using Npgsql;
using XaiGrok.Onboarding.Stores;

namespace XaiGrok.Onboarding.PostgreSql;

/// <summary>The stores of one person (by the host's user id) in the shared database, for one runtime.</summary>
internal sealed class PostgreSqlUserStores(NpgsqlDataSource dataSource, string userId, SecretSealing sealing) : IOnboardingStoreFactory
{
    public OnboardingStores Create(StoreContext context) => new(
        new PostgreSqlCredentialStore(dataSource, userId, sealing, context.Clock, context.Options.LockTimeout, context.Secrets),
        new PostgreSqlPendingFlowStore(dataSource, userId, sealing, context.Options.LockTimeout),
        new PostgreSqlModelCache(dataSource, userId, context.Clock, context.Options.ModelsCacheTtl),
        new PostgreSqlModelChoice(dataSource, userId),
        new PostgreSqlModelAccess(dataSource, userId));
}
