using Microsoft.Extensions.Time.Testing;
using System.Runtime.Versioning;
using XaiGrok.Onboarding.Runtime;
using XaiGrok.Onboarding.Storage;
using XaiGrok.Onboarding.Tests.Integration;
using XaiGrok.Onboarding.Tests.Support;
using Xunit;

namespace XaiGrok.Onboarding.Tests.Caching;

/// <summary>
/// The kept caches in a long-lived host, through the whole module: every state file is made to look settled, so the
/// host serves the folder check, auth.json and the model list from memory from its first call; then another process
/// (or a person) changes them, and the very next call must see it.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class HostCacheTests
{
    private static CancellationToken Ct => Rig.Ct;

    [Fact]
    public async Task A_token_another_process_refreshed_is_used_on_the_next_call()
    {
        await using var rig = await Rig.StartAsync();
        using var host = Host(rig);
        await rig.ConnectAsync(host);
        var before = await host.StatusAsync(Ct);
        Assert.Equal(true, before["connected"]);

        rig.Clock.Advance(TimeSpan.FromHours(1));
        var refreshed = await rig.NewModule().RefreshAsync(Ct);
        Assert.True(refreshed.Ok, refreshed.ToJson());

        var after = await host.StatusAsync(Ct);
        Assert.NotEqual(before["expires_at"], after["expires_at"]);
        Assert.Equal(refreshed["expires_at"], after["expires_at"]);
    }

    [Fact]
    public async Task A_logout_by_another_process_is_seen_on_the_next_call()
    {
        await using var rig = await Rig.StartAsync();
        using var host = Host(rig);
        await rig.ConnectAsync(host);
        Assert.Equal(true, (await host.StatusAsync(Ct))["connected"]);
        Assert.True((await host.ModelsAsync(cancellationToken: Ct)).Ok);

        Assert.True((await rig.NewModule().LogoutAsync(Ct)).Ok);

        var status = await host.StatusAsync(Ct);
        Assert.Equal(false, status["connected"]);
        Assert.Equal("not_connected", (await host.ModelsAsync(cancellationToken: Ct)).Error);
    }

    [Fact]
    public async Task A_state_folder_made_writable_by_others_is_refused_on_the_next_call()
    {
        await using var rig = await Rig.StartAsync();
        using var host = Host(rig);
        await rig.ConnectAsync(host);
        Assert.True((await host.StatusAsync(Ct)).Ok);

        File.SetUnixFileMode(rig.Home, OwnerOnly.Folder | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);

        var refused = await host.StatusAsync(Ct);
        Assert.Equal("credential_store_error", refused.Error);
        Assert.Contains("writable by other users", (string)refused["detail"]!, StringComparison.Ordinal);
        Assert.Equal("credential_store_error", (await host.ChatAsync(null, [ChatMessage.User("hello")], cancellationToken: Ct)).Error);
    }

    [Fact]
    public async Task A_state_folder_replaced_by_a_symlink_is_refused_on_the_next_call()
    {
        await using var rig = await Rig.StartAsync();
        using var host = Host(rig);
        await rig.ConnectAsync(host);
        Assert.True((await host.StatusAsync(Ct)).Ok);

        // Same contents, same modes: only the folder's identity tells that it is now a link to another one.
        var real = rig.Home + "-real";
        Directory.Move(rig.Home, real);
        try
        {
            Directory.CreateSymbolicLink(rig.Home, real);

            var refused = await host.StatusAsync(Ct);
            Assert.Equal("credential_store_error", refused.Error);
            Assert.Contains("symbolic link", (string)refused["detail"]!, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(rig.Home);
            Directory.Move(real, rig.Home);
        }
    }

    // The kernel stamps files with the real clock: a file-system clock a minute ahead makes every file look settled,
    // so the host keeps each one from its first read, as a host that has run for a while does.
    private static GrokOnboarding Host(Rig rig) => new(new OnboardingRuntime(
        rig.Options,
        rig.Clock,
        environment: _ => null,
        loggerFactory: rig.Log,
        fileSystemClock: new FakeTimeProvider(TimeProvider.System.GetUtcNow() + TimeSpan.FromMinutes(1))));
}
