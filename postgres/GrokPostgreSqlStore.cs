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
/// the host's Data Protection (every replica must read the same key ring). Open it once per process with
/// <see cref="OpenAsync"/>, which creates or migrates the tables.
/// </summary>
public sealed class GrokPostgreSqlStore : GrokUserStore
{
    private readonly SecretSealing sealing;

    private GrokPostgreSqlStore(NpgsqlDataSource dataSource, IDataProtectionProvider protection)
    {
        DataSource = dataSource;
        sealing = new SecretSealing(protection);
    }

    /// <summary>The host's data source (its pool); the host disposes it.</summary>
    public NpgsqlDataSource DataSource { get; }

    /// <summary>
    /// Creates or migrates the tables (safe when several replicas start at once) and returns the store.
    /// </summary>
    /// <param name="dataSource">The database, e.g. <c>NpgsqlDataSource.Create(connectionString)</c>.</param>
    /// <param name="protection">The host's Data Protection, whose key ring every replica shares.</param>
    /// <param name="cancellationToken">Stops the migration (rolled back whole).</param>
    public static async Task<GrokPostgreSqlStore> OpenAsync(NpgsqlDataSource dataSource, IDataProtectionProvider protection, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentNullException.ThrowIfNull(protection);
        await PostgreSqlSchema.MigrateAsync(dataSource, cancellationToken).ConfigureAwait(false);
        return new GrokPostgreSqlStore(dataSource, protection);
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
    internal override IOnboardingStoreFactory ForUser(string userId) => new PostgreSqlUserStores(DataSource, userId, sealing);

    internal override Task<IReadOnlyList<LinkedUser>> ListLinkedUsersAsync(TimeProvider clock, TimeSpan lockTimeout, CancellationToken cancellationToken) =>
        PostgreSqlLinkedUsers.ReadAsync(DataSource, sealing, cancellationToken);

    internal override Task ForgetAsync(string userId, CancellationToken cancellationToken) =>
        PostgreSqlLinkedUsers.ForgetAsync(DataSource, userId, cancellationToken);

    internal override string Describe() => "the PostgreSQL store (the database and this replica's access to it)";
}
