using Microsoft.AspNetCore.DataProtection;
using Npgsql;
using XaiGrok.Onboarding.Runtime;
using XaiGrok.Onboarding.Tests.Integration;
using XaiGrok.Onboarding.Tests.Support;

namespace XaiGrok.Onboarding.Tests.PostgreSql;

/// <summary>
/// Replicas of a host in one test process: each with its own data source (its own connection pool), its own state
/// folder (a machine of its own: nothing is shared through files), its own memory; one database, one key ring, and the
/// rig's emulator and clock.
/// </summary>
internal sealed class PostgresReplicas : IAsyncDisposable
{
    private readonly List<IAsyncDisposable> dataSources = [];
    private readonly List<TestHome> homes = [];
    private readonly List<OnboardingRuntime> runtimes = [];
    private readonly List<GrokOnboarding> modules = [];

    private PostgresReplicas(Rig rig, string connectionString, IDataProtectionProvider keys)
    {
        Rig = rig;
        ConnectionString = connectionString;
        Keys = keys;
    }

    public Rig Rig { get; }

    public string ConnectionString { get; }

    public IDataProtectionProvider Keys { get; }

    public static async Task<PostgresReplicas> StartAsync(PostgresServer server, Rig rig) =>
        new(rig, await server.CreateDatabaseAsync(), new EphemeralDataProtectionProvider());

    /// <summary>A new replica's runtime for <paramref name="userId"/>, its pool as <paramref name="pool"/> sets it.</summary>
    public async Task<OnboardingRuntime> RuntimeAsync(string userId, Action<NpgsqlConnectionStringBuilder>? pool = null)
    {
        var settings = new NpgsqlConnectionStringBuilder(ConnectionString);
        pool?.Invoke(settings);
        var dataSource = NpgsqlDataSource.Create(settings.ConnectionString);
        dataSources.Add(dataSource);
        var store = await GrokPostgreSqlStore.OpenAsync(dataSource, Keys, Rig.Ct);
        var home = new TestHome();
        homes.Add(home);
        var runtime = new OnboardingRuntime(Rig.Options with { Home = home.Path }, Rig.Clock, environment: _ => null, loggerFactory: Rig.Log, stores: store.ForUser(userId));
        runtimes.Add(runtime);
        return runtime;
    }

    /// <summary>A new replica's module for <paramref name="userId"/>, through the package's public entry point.</summary>
    public async Task<GrokOnboarding> ModuleAsync(string userId)
    {
        var dataSource = NpgsqlDataSource.Create(ConnectionString);
        dataSources.Add(dataSource);
        var store = await GrokPostgreSqlStore.OpenAsync(dataSource, Keys, Rig.Ct);
        var home = new TestHome();
        homes.Add(home);
        var module = store.Open(userId, Rig.Options with { Home = home.Path }, Rig.Clock, Rig.Log);
        modules.Add(module);
        return module;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var runtime in runtimes)
        {
            runtime.Dispose();
        }

        foreach (var module in modules)
        {
            module.Dispose();
        }

        foreach (var dataSource in dataSources)
        {
            await dataSource.DisposeAsync();
        }

        foreach (var home in homes)
        {
            home.Dispose();
        }
    }
}
