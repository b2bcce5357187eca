using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Logging;
using Npgsql;
using XaiGrok.Onboarding.Platform;
using XaiGrok.Onboarding.PostgreSql;
using XaiGrok.Onboarding.Runtime;
using XaiGrok.Onboarding.Stores;

namespace XaiGrok.Onboarding;

/// <summary>
/// The PostgreSQL store: replicas of a host that open it on one database share every person's session, sign-ins,
/// model list and chosen model. One refresh per person per expiry, whatever the number of replicas; tokens sealed with
/// the host's Data Protection (every replica must read the same key ring). In a host's container,
/// <c>AddXaiGrokPostgreSqlStore</c> registers it with the key ring in the same database; otherwise make one per process
/// with <see cref="OpenAsync"/> (migrates the tables now) or <see cref="Create(NpgsqlDataSource, IDataProtectionProvider)"/>
/// (migrates them on first use).
/// </summary>
public sealed class GrokPostgreSqlStore : GrokUserStore
{
    private readonly PostgreSqlDatabase database;
    private readonly SecretSealing sealing;

    private GrokPostgreSqlStore(PostgreSqlDatabase database, IDataProtectionProvider protection)
    {
        this.database = database;
        sealing = new SecretSealing(protection);
    }

    /// <summary>The host's data source (its pool); whoever built it disposes it.</summary>
    public NpgsqlDataSource DataSource => database.DataSource;

    /// <summary>
    /// Creates or migrates the tables now (safe when several replicas start at once) and returns the store.
    /// </summary>
    /// <param name="dataSource">The database, e.g. <c>NpgsqlDataSource.Create(connectionString)</c>.</param>
    /// <param name="protection">The host's Data Protection, whose key ring every replica shares.</param>
    /// <param name="cancellationToken">Stops the migration (rolled back whole).</param>
    public static async Task<GrokPostgreSqlStore> OpenAsync(NpgsqlDataSource dataSource, IDataProtectionProvider protection, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentNullException.ThrowIfNull(protection);
        await PostgreSqlSchema.MigrateAsync(dataSource, cancellationToken).ConfigureAwait(false);
        var database = new PostgreSqlDatabase(dataSource);
        database.MarkReady();
        return new GrokPostgreSqlStore(database, protection);
    }

    /// <summary>
    /// Returns the store at once, without touching the database (for a container's singleton factory, and so that a
    /// host starts while its database is down). The tables are created or migrated by the first operation that needs
    /// them; while the database is unreachable, operations fail with <c>credential_store_error</c> and the next one
    /// tries again.
    /// </summary>
    /// <param name="dataSource">The database, e.g. <c>NpgsqlDataSource.Create(connectionString)</c>.</param>
    /// <param name="protection">The host's Data Protection, whose key ring every replica shares.</param>
    public static GrokPostgreSqlStore Create(NpgsqlDataSource dataSource, IDataProtectionProvider protection)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        return Create(new PostgreSqlDatabase(dataSource), protection);
    }

    /// <summary>As <see cref="Create(NpgsqlDataSource, IDataProtectionProvider)"/>, sharing the key ring's schema promise.</summary>
    internal static GrokPostgreSqlStore Create(PostgreSqlDatabase database, IDataProtectionProvider protection)
    {
        ArgumentNullException.ThrowIfNull(protection);
        return new GrokPostgreSqlStore(database, protection);
    }

    /// <summary>
    /// A module for one person of the host, by the host's user id, whose session, sign-ins, model list and chosen model
    /// live in the database (so every replica that opens the same id serves the same person). <see cref="OnboardingOptions.Home"/>
    /// is still this replica's own folder for what is not shared (media files, what calls taught about models); the
    /// process environment is never read for keys.
    /// </summary>
    /// <param name="userId">The host's id for the person, as <see cref="GrokPlatform.IsValidUserId"/> takes it.</param>
    /// <param name="options">Issuer, client id, API base, lock timeout and the local folder.</param>
    /// <param name="timeProvider">The clock (default: the system's).</param>
    /// <param name="loggerFactory">The host's logging (default: the module's own).</param>
    /// <exception cref="ArgumentException">The user id is not valid.</exception>
    public GrokOnboarding Open(string userId, OnboardingOptions options, TimeProvider? timeProvider = null, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (PlatformUserId.Problem(userId) is { } problem)
        {
            throw new ArgumentException($"{problem}: see GrokPlatform.IsValidUserId.", nameof(userId));
        }

        var stores = ForUser(userId);
        return new GrokOnboarding(new OnboardingRuntime(options, timeProvider ?? TimeProvider.System, environment: _ => null, loggerFactory: loggerFactory, stores: stores));
    }

    /// <summary>The stores of one person (the id already checked), for the runtime that serves them.</summary>
    internal override IOnboardingStoreFactory ForUser(string userId) => new PostgreSqlUserStores(database, userId, sealing);

    internal override Task<IReadOnlyList<LinkedUser>> ListLinkedUsersAsync(TimeProvider clock, TimeSpan lockTimeout, CancellationToken cancellationToken) =>
        PostgreSqlLinkedUsers.ReadAsync(database, sealing, cancellationToken);

    internal override Task ForgetAsync(string userId, CancellationToken cancellationToken) =>
        PostgreSqlLinkedUsers.ForgetAsync(database, userId, cancellationToken);

    internal override string Describe() => "the PostgreSQL store (the database and this replica's access to it)";
}
