using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using XaiGrok.Onboarding.Tests.Support;
using Xunit;

namespace XaiGrok.Onboarding.Tests.Telemetry;

[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class StoreHealthCheckTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<HealthCheckResult> CheckAsync(IHealthCheck check) =>
        check.CheckHealthAsync(new HealthCheckContext { Registration = new HealthCheckRegistration("xai_grok_store", check, null, null) }, Ct);

    [Fact]
    public async Task Check_FreshFolder_IsHealthyAndLeavesNoProbeBehind()
    {
        using var home = new TestHome();

        var result = await CheckAsync(new XaiGrokStoreHealthCheck(home.Path));

        Assert.Equal(HealthStatus.Healthy, result.Status);
        Assert.Empty(Directory.EnumerateFileSystemEntries(home.Path));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(home.Path));
    }

    [Fact]
    public async Task Check_FolderWritableByOthers_IsUnhealthyWithTheReason()
    {
        using var home = new TestHome();
        Directory.CreateDirectory(home.Path);
        File.SetUnixFileMode(home.Path, (UnixFileMode)0x1FF);

        var result = await CheckAsync(new XaiGrokStoreHealthCheck(home.Path));

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.Contains("writable by other users", result.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_SymlinkInsteadOfAFolder_IsUnhealthy()
    {
        using var home = new TestHome();
        var real = Directory.CreateDirectory(Path.Combine(home.Parent, "real")).FullName;
        File.CreateSymbolicLink(home.Path, real);

        var result = await CheckAsync(new XaiGrokStoreHealthCheck(home.Path));

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.Contains("symbolic link", result.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_AFileInThePlaceOfTheFolder_IsUnhealthy()
    {
        using var home = new TestHome();
        await File.WriteAllTextAsync(home.Path, "not a folder", Ct);

        var result = await CheckAsync(new XaiGrokStoreHealthCheck(home.Path));

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.Contains("not a folder", result.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_NoRoomForAFile_IsUnhealthyBecauseTheProbeCannotBeWritten()
    {
        using var disk = SmallTmpfs.Mount(64 * 1024);
        var folder = Path.Combine(disk.MountPoint, "home");
        Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        disk.LeaveFreePages(0);

        var result = await CheckAsync(new XaiGrokStoreHealthCheck(folder));

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.Empty(Directory.EnumerateFileSystemEntries(folder));
    }

    [Fact]
    public async Task Check_FromTheContainer_TakesTheRegisteredOptions()
    {
        using var home = new TestHome();
        using var provider = new ServiceCollection()
            .AddXaiGrokOnboarding(options => options with { Home = home.Path })
            .BuildServiceProvider();

        var check = ActivatorUtilities.GetServiceOrCreateInstance<XaiGrokStoreHealthCheck>(provider);

        Assert.Equal(HealthStatus.Healthy, (await CheckAsync(check)).Status);
        Assert.True(Directory.Exists(home.Path));
    }
}
