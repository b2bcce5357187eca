using Microsoft.AspNetCore.DataProtection;
using Npgsql;
using XaiGrok.Onboarding.Stores;
using XaiGrok.Onboarding.Tests.Stores;
using Xunit;

namespace XaiGrok.Onboarding.Tests.PostgreSql;

/// <summary>
/// The store contract against PostgreSQL: each instance has its own data source (its own pool), as a replica on
/// another machine would; they share the database and the key ring.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgreSqlStoreContractTests(PostgresServer server) : StoreContractTests
{
    private readonly IDataProtectionProvider keys = new EphemeralDataProtectionProvider();
    private string? database;

    private protected override async Task<OnboardingStores> OpenAsync()
    {
        database ??= await server.CreateDatabaseAsync();
        var dataSource = NpgsqlDataSource.Create(database);
        Own(dataSource);
        var store = await GrokPostgreSqlStore.OpenAsync(dataSource, keys, Ct);
        return store.ForUser("contract-user").Create(Context());
    }

    /// <summary>The database counts the lock timeout on its own clock.</summary>
    private protected override async Task TakeAsync(Func<Task<IDisposable>> take) => (await take()).Dispose();
}
