using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace XaiGrok.Onboarding;

/// <summary>Registers the module in a host's container.</summary>
public static class ServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="GrokOnboarding"/> as a singleton, with options read from the environment and then adjusted by
    /// <paramref name="configure"/> (e.g. <c>o =&gt; o with { ClientId = "my-client" }</c>), and the host's
    /// <see cref="TimeProvider"/> (the system clock unless one is registered); it logs through the host's <see cref="ILoggerFactory"/> when one is
    /// registered (<c>AddLogging</c>), else by <c>XAI_GROK_LOG</c>.
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
}
