using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace XaiGrok.Onboarding;

/// <summary>Registers the module in a host's container.</summary>
public static class ServiceCollectionExtensions
{
    /// <summary>
    /// For a host that serves one person: adds <see cref="GrokOnboarding"/> as a singleton, with options read from the
    /// <b>process environment</b> (<c>XAI_OAUTH_CLIENT_ID</c>, <c>XAI_GROK_HOME</c>, and also <c>XAI_API_KEY</c>, which then
    /// serves every call that has no session token) and then adjusted by <paramref name="configure"/> (e.g.
    /// <c>o =&gt; o with { ClientId = "my-client", ApiKey = null }</c>), and the host's <see cref="TimeProvider"/> (the
    /// system clock unless one is registered); it logs through the host's <see cref="ILoggerFactory"/> when one is
    /// registered (<c>AddLogging</c>), else by <c>XAI_GROK_LOG</c>. A platform serving many people uses
    /// <see cref="AddXaiGrokOnboarding(IServiceCollection, IConfiguration, Func{GrokPlatformOptions, GrokPlatformOptions}?)"/>,
    /// which reads nothing from the environment.
    /// </summary>
    public static IServiceCollection AddXaiGrokOnboarding(this IServiceCollection services, Func<OnboardingOptions, OnboardingOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(_ => configure?.Invoke(OnboardingOptions.FromEnvironment()) ?? OnboardingOptions.FromEnvironment());
        services.TryAddSingleton(provider => new GrokOnboarding(
            provider.GetRequiredService<OnboardingOptions>(),
            provider.GetRequiredService<TimeProvider>(),
            provider.GetService<ILoggerFactory>()));
        return services;
    }

    /// <summary>
    /// For a platform that serves many people: adds <see cref="GrokPlatform"/> as a singleton, with
    /// <see cref="GrokPlatformOptions"/> read from the section <c>Grok</c> of <paramref name="configuration"/> (keys
    /// <c>Issuer</c>, <c>ClientId</c>, <c>Scopes</c>, <c>ApiBaseUrl</c>, <c>StateRoot</c>, <c>EarlyRefreshSeconds</c>,
    /// <c>MaxConnectionsPerServer</c>, <c>DiscoveryTtlSeconds</c>, <c>IdleTimeoutSeconds</c>, <c>ModelsCacheTtlSeconds</c>,
    /// <c>LockTimeoutSeconds</c>; in ASP.NET Core also as <c>Grok__StateRoot</c> and so on) and then adjusted by
    /// <paramref name="configure"/>. Nothing is read from the process environment but what the host's configuration
    /// holds, and there is no API key fallback: a user who never signed in is not connected. A value that does not
    /// parse makes every call answer <c>invalid_configuration</c> naming its key. Logs through the host's
    /// <see cref="ILoggerFactory"/>, on the host's <see cref="TimeProvider"/> (the system clock unless one is registered).
    /// Keeps the users in the <see cref="GrokUserStore"/> registered in the container when the options name none (the
    /// PostgreSQL package's registration adds one), else in files under <c>StateRoot</c>.
    /// </summary>
    public static IServiceCollection AddXaiGrokOnboarding(this IServiceCollection services, IConfiguration configuration, Func<GrokPlatformOptions, GrokPlatformOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var read = PlatformConfigurationReader.Read(configuration.GetSection(GrokPlatformOptions.SectionName), GrokPlatformOptions.SectionName);
        return services.AddXaiGrokOnboarding(configure?.Invoke(read) ?? read);
    }

    /// <summary>Adds <see cref="GrokPlatform"/> as a singleton with the given options (see the configuration overload).</summary>
    public static IServiceCollection AddXaiGrokOnboarding(this IServiceCollection services, GrokPlatformOptions options)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(options);
        services.TryAddSingleton(provider => new GrokPlatform(
            provider.GetRequiredService<GrokPlatformOptions>() is { Store: null } unset && provider.GetService<GrokUserStore>() is { } registered
                ? unset with { Store = registered }
                : provider.GetRequiredService<GrokPlatformOptions>(),
            provider.GetRequiredService<TimeProvider>(),
            provider.GetService<ILoggerFactory>()));
        return services;
    }
}
