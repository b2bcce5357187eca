using Microsoft.AspNetCore.DataProtection;
using Npgsql;
using XaiGrok.Onboarding.Secrets;
using XaiGrok.Onboarding.Storage;
using XaiGrok.Onboarding.Stores;

namespace XaiGrok.Onboarding.Bench.Stores;

/// <summary>
/// Both stores of one run: the files (one folder per user under a temporary root) and PostgreSQL (one database of the
/// throwaway cluster, opened through <see cref="GrokPostgreSqlStore.OpenAsync"/>, so with its schema and its sealing).
/// A user's stores are built the way a runtime builds them (<see cref="IOnboardingStoreFactory.Create"/>).
/// </summary>
internal sealed class StoreRig : IAsyncDisposable
{
    private readonly string root;
    private readonly OnboardingOptions template;

    private StoreRig(string root, NpgsqlDataSource dataSource, GrokPostgreSqlStore store, OnboardingOptions template)
    {
        this.root = root;
        DataSource = dataSource;
        PostgreSql = store;
        this.template = template;
    }

    public NpgsqlDataSource DataSource { get; }

    public GrokPostgreSqlStore PostgreSql { get; }

    public static async Task<StoreRig> OpenAsync(string connectionString, IDataProtectionProvider keys, string issuer)
    {
        var root = Directory.CreateTempSubdirectory("grok-bench-files-").FullName;
        var dataSource = NpgsqlDataSource.Create(connectionString);
        var store = await GrokPostgreSqlStore.OpenAsync(dataSource, keys);
        var template = new OnboardingOptions
        {
            Issuer = new Uri(issuer),
            ClientId = "bench-client",
            ApiBaseUrl = new Uri(issuer + "/v1"),
            LockTimeout = TimeSpan.FromSeconds(60),
        };
        return new StoreRig(root, dataSource, store, template);
    }

    /// <summary>One user's stores, as a runtime of that user would make them.</summary>
    public OnboardingStores For(StoreKind kind, string userId)
    {
        var home = Path.Combine(root, userId);
        Directory.CreateDirectory(home);
        var context = new StoreContext(new StatePaths(home), TimeProvider.System, template with { Home = home }, new SecretRegistry(), FileSystemClock: null);
        IOnboardingStoreFactory factory = kind == StoreKind.Files ? FileStoreFactory.Instance : ((GrokUserStore)PostgreSql).ForUser(userId);
        return factory.Create(context);
    }

    public async ValueTask DisposeAsync()
    {
        await DataSource.DisposeAsync();
        Directory.Delete(root, recursive: true);
    }
}
