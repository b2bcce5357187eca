using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;
using XaiGrok.Onboarding.PostgreSql;

namespace XaiGrok.Onboarding;

/// <summary>Registers the PostgreSQL store in a host's container, for <c>AddXaiGrokOnboarding(IConfiguration)</c>.</summary>
public static class PostgreSqlServiceCollectionExtensions
{
    /// <summary>
    /// The Data Protection application name the registration sets: replicas derive their protectors from it, so it is
    /// the same on every replica whatever folder or machine each runs from.
    /// </summary>
    public const string DataProtectionApplicationName = "XaiGrok.Onboarding.PostgreSql";

    /// <summary>
    /// Keeps the platform's users in PostgreSQL: registers an <see cref="NpgsqlDataSource"/> for
    /// <paramref name="connectionString"/> (a singleton the container disposes), ASP.NET Core Data Protection with its key
    /// ring in the same database (table <c>grok_data_protection_keys</c>) under <see cref="DataProtectionApplicationName"/>,
    /// and the <see cref="GrokPostgreSqlStore"/> as the <see cref="GrokUserStore"/> that
    /// <c>AddXaiGrokOnboarding(IConfiguration)</c> then uses. Nothing touches the database until the first call: the host
    /// starts while the database is down, and the tables are created or migrated by the first operation that needs them.
    /// </summary>
    /// <param name="services">The host's services.</param>
    /// <param name="connectionString">The database every replica shares (the same on every replica).</param>
    /// <param name="dataProtection">More Data Protection settings, e.g. <c>keys =&gt; keys.ProtectKeysWithCertificate(certificate)</c> so that the key ring is encrypted at rest.</param>
    public static IServiceCollection AddXaiGrokPostgreSqlStore(this IServiceCollection services, string connectionString, Action<IDataProtectionBuilder>? dataProtection = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        services.AddSingleton(_ => NpgsqlDataSource.Create(connectionString));
        return services.AddStore(dataProtection);
    }

    /// <summary>
    /// As <see cref="AddXaiGrokPostgreSqlStore(IServiceCollection, string, Action{IDataProtectionBuilder}?)"/>, with a data
    /// source the host built (and keeps: the container does not dispose an instance it was given).
    /// </summary>
    /// <param name="services">The host's services.</param>
    /// <param name="dataSource">The database every replica shares.</param>
    /// <param name="dataProtection">More Data Protection settings (key encryption at rest, key lifetime).</param>
    public static IServiceCollection AddXaiGrokPostgreSqlStore(this IServiceCollection services, NpgsqlDataSource dataSource, Action<IDataProtectionBuilder>? dataProtection = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(dataSource);
        services.AddSingleton(dataSource);
        return services.AddStore(dataProtection);
    }

    private static IServiceCollection AddStore(this IServiceCollection services, Action<IDataProtectionBuilder>? dataProtection)
    {
        // One schema promise for the key ring and the store: the first of them to reach the database migrates it.
        services.AddSingleton(provider => new PostgreSqlDatabase(provider.GetRequiredService<NpgsqlDataSource>()));
        var keys = services.AddDataProtection().SetApplicationName(DataProtectionApplicationName);
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(provider => new ConfigureOptions<KeyManagementOptions>(
            options => options.XmlRepository = new PostgreSqlXmlRepository(provider.GetRequiredService<PostgreSqlDatabase>())));
        dataProtection?.Invoke(keys);
        services.AddSingleton(provider => GrokPostgreSqlStore.Create(provider.GetRequiredService<PostgreSqlDatabase>(), provider.GetRequiredService<IDataProtectionProvider>()));
        services.AddSingleton<GrokUserStore>(provider => provider.GetRequiredService<GrokPostgreSqlStore>());
        return services;
    }
}
