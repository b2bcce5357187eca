using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using XaiGrok.Onboarding.Storage;

namespace XaiGrok.Onboarding;

/// <summary>
/// The store's health: the state folder is a real folder, private to its owner, and a file can be written in it (a
/// probe written atomically, then removed). It prepares the folder as every call of the module does first (created
/// 0700 when missing, a readable-by-others one tightened), so a fresh host is healthy before its first sign-in.
/// Register it with <c>services.AddHealthChecks().AddCheck&lt;XaiGrokStoreHealthCheck&gt;("xai_grok_store")</c> (it
/// takes the registered <see cref="OnboardingOptions"/>), or <c>.AddCheck("xai_grok_store", new XaiGrokStoreHealthCheck(folder))</c>.
/// </summary>
public sealed class XaiGrokStoreHealthCheck : IHealthCheck
{
    private readonly string folder;

    /// <summary>Checks the options' state folder (<see cref="OnboardingOptions.Home"/>).</summary>
    [ActivatorUtilitiesConstructor]
    public XaiGrokStoreHealthCheck(OnboardingOptions options)
        : this(options?.Home!)
    {
    }

    /// <summary>Checks <paramref name="stateFolder"/> (a user's state folder, or the root of a platform's per-user folders).</summary>
    public XaiGrokStoreHealthCheck(string stateFolder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(stateFolder);
        folder = stateFolder;
    }

    /// <inheritdoc/>
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var home = StateDirectory.Open(folder);
            var probe = home.File($".health-probe-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8))}");
            AtomicFile.Write(probe, "ok"u8);
            File.Delete(probe);
            return Task.FromResult(HealthCheckResult.Healthy("The state folder is private to its owner and writable."));
        }
        catch (StorageException problem)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy($"The state folder cannot be used: {problem.Message}"));
        }
        catch (Exception problem) when (problem is IOException or UnauthorizedAccessException)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy($"The state folder is not writable: {problem.Message}"));
        }
    }
}
