using System.Runtime.Versioning;
using System.Text.Json;
using XaiGrok.Emulator;
using XaiGrok.Onboarding.Tests.Integration;
using XaiGrok.Onboarding.Tests.Support;
using Xunit;

namespace XaiGrok.Onboarding.Tests.Reliability;

/// <summary>
/// A refresh on a state folder whose disk is full, on a real 64 KiB tmpfs: the space for the new tokens is taken
/// before the refresh token is spent, so the session survives a disk that fills up while the request is in flight;
/// with no room at all nothing is sent; and when the new tokens cannot be stored anyway, the result says the session
/// is lost (never "unchanged, try again") and the spent refresh token is never sent again.
/// </summary>
[SupportedOSPlatform("linux")]
[Trait("Category", "Reliability")]
public sealed class DiskFullRefreshTests
{
    private const int TmpfsBytes = 64 * 1024;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Refresh_DiskFillsUpWhileTheRequestIsInFlight_StoresTheAnswerInTheReservedSpace()
    {
        using var disk = SmallTmpfs.Mount(TmpfsBytes);
        await using var rig = await StartOnAsync(disk);
        var module = rig.NewModule();
        await rig.ConnectAsync(module);
        var hold = new EmulatorHold();
        rig.Emulator.Control.AddFault(new EmulatorFault("/oauth2/token") { Hold = hold });

        var refreshing = module.RefreshAsync(Ct);
        await hold.Reached.WaitAsync(Ct);
        disk.FillUp();
        Assert.Equal(0, disk.FreeBytes);
        hold.Release();
        var refreshed = await refreshing;

        Assert.True(refreshed.Ok, refreshed.ToJson());
        Assert.True(rig.Emulator.Control.LiveRefreshTokens.Contains(StoredRefreshToken(rig.Home)), "auth.json does not hold the live refresh token");
        disk.Empty();
        await AssertIntactAsync(rig);
    }

    [Fact]
    public async Task Refresh_NoRoomForTheNewTokens_SendsNothing_AndSaysToFreeSpace()
    {
        using var disk = SmallTmpfs.Mount(TmpfsBytes);
        await using var rig = await StartOnAsync(disk);
        var module = rig.NewModule();
        await rig.ConnectAsync(module);
        var before = File.ReadAllText(Path.Combine(rig.Home, "auth.json"));
        disk.LeaveFreePages(0);

        var refreshed = await module.RefreshAsync(Ct);

        Assert.Equal("credential_store_error", refreshed.Error);
        Assert.Contains("no refresh was sent", (string)refreshed["detail"]!, StringComparison.Ordinal);
        Assert.Contains("free some space", (string)refreshed["hint"]!, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(0, rig.Emulator.Control.Count("grant:refresh_token"));
        Assert.Equal(before, File.ReadAllText(Path.Combine(rig.Home, "auth.json")));
        Assert.Empty(Directory.GetFiles(rig.Home, ".auth.json.*"));
        disk.Empty();
        await AssertIntactAsync(rig);
    }

    [Fact]
    public async Task Refresh_NewTokensTooLargeForTheReservedSpaceOnAFullDisk_SaysTheSessionIsLost_AndNeverResendsTheSpentToken()
    {
        using var disk = SmallTmpfs.Mount(TmpfsBytes);
        await using var rig = await StartOnAsync(disk);
        var module = rig.NewModule();
        await rig.ConnectAsync(module);

        // New tokens much longer than the current ones (about 40 KB against 3 KB): more than the reserved room.
        var secrets = new Dictionary<string, string>
        {
            ["long access token"] = "canary-access-" + new string('a', 20_000),
            ["long id token"] = "canary-id-" + new string('i', 20_000),
            ["new refresh token"] = "canary-refresh-" + Guid.NewGuid().ToString("N"),
        };
        var body = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["access_token"] = secrets["long access token"],
            ["token_type"] = "Bearer",
            ["expires_in"] = 21600,
            ["refresh_token"] = secrets["new refresh token"],
            ["id_token"] = secrets["long id token"],
        });
        var hold = new EmulatorHold();
        rig.Emulator.Control.AddFault(new EmulatorFault("/oauth2/token") { Status = 200, Body = body, Hold = hold });

        var refreshing = module.RefreshAsync(Ct);
        await hold.Reached.WaitAsync(Ct);
        disk.FillUp();
        hold.Release();
        var lost = await refreshing;

        Assert.Equal("reauth_required", lost.Error);
        var text = lost.ToJson();
        Assert.Contains("could not be saved", text, StringComparison.Ordinal);
        Assert.Contains("refresh token is spent", text, StringComparison.Ordinal);
        Assert.DoesNotContain("try again", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("unchanged", text, StringComparison.OrdinalIgnoreCase);
        SecretScan.AssertAbsent(text, secrets);

        // The stored copy says so: nothing resends the spent refresh token, in this process or another.
        Assert.Contains("reauth_reason", File.ReadAllText(Path.Combine(rig.Home, "auth.json")), StringComparison.Ordinal);
        var again = await module.RefreshAsync(Ct);
        var status = await rig.NewModule().StatusAsync(Ct);
        Assert.Equal("reauth_required", again.Error);
        Assert.Equal("reauth_required", status["problem"]);
        Assert.Equal(1, rig.Emulator.Control.Count("grant:refresh_token"));
        Assert.Equal(0, rig.Emulator.Control.RefreshTokenReuseCount);
        SecretScan.AssertAbsent(rig.Log.Text, secrets);
    }

    /// <summary>
    /// Every amount of free space from none to more than the reservation needs, with the disk filling up completely
    /// while the request is in flight or not: each attempt ends with the session intact (the next refresh works and no
    /// refresh token was presented twice), or with an honest "nothing was sent".
    /// </summary>
    [Fact]
    public async Task Refresh_AtEveryFreeSpaceLevel_LeavesTheSessionIntact()
    {
        using var disk = SmallTmpfs.Mount(TmpfsBytes);
        await using var rig = await StartOnAsync(disk);
        await rig.ConnectAsync(rig.NewModule());
        int attempts = 0, refreshed = 0, refusedBeforeSending = 0, intact = 0;
        foreach (var fillDuringFlight in new[] { false, true })
        {
            for (var pages = 0; pages <= 6; pages++)
            {
                var sentBefore = rig.Emulator.Control.Count("grant:refresh_token");
                disk.LeaveFreePages(pages);
                var hold = new EmulatorHold();
                rig.Emulator.Control.AddFault(new EmulatorFault("/oauth2/token") { Hold = hold });
                var refreshing = rig.NewModule().RefreshAsync(Ct);
                if (await Task.WhenAny(hold.Reached, refreshing) == hold.Reached && fillDuringFlight)
                {
                    disk.FillUp();
                }

                // Released in every case: an unused hold must not stop the next request.
                hold.Release();
                var result = await refreshing;
                attempts++;
                if (result.Ok)
                {
                    refreshed++;
                }
                else
                {
                    Assert.True(result.Error == "credential_store_error", $"{pages} free pages: {result.ToJson()}");
                    Assert.Contains("no refresh was sent", (string)result["detail"]!, StringComparison.Ordinal);
                    Assert.Equal(sentBefore, rig.Emulator.Control.Count("grant:refresh_token"));
                    refusedBeforeSending++;
                }

                disk.Empty();
                await AssertIntactAsync(rig);
                intact++;
            }
        }

        Assert.True(refreshed > 0 && refusedBeforeSending > 0, $"the sweep should cover both outcomes: {refreshed} refreshed, {refusedBeforeSending} refused");
        Figures.Report($"disk full (64 KiB tmpfs): {attempts} refresh attempts at 0..6 free pages, filled up in flight or not: {refreshed} refreshed, {refusedBeforeSending} refused before sending, {intact} sessions intact, refresh-token reuse {rig.Emulator.Control.RefreshTokenReuseCount}");
    }

    [Fact]
    public async Task Poll_ApprovedButNoRoomForTheTokens_SaysTheCodeIsUsedUp_AndToStartAgain()
    {
        using var disk = SmallTmpfs.Mount(TmpfsBytes);
        await using var rig = await StartOnAsync(disk);
        var module = rig.NewModule();
        var started = await module.StartAsync(Ct);
        rig.Emulator.Control.Approve((string)started["user_code"]!, 5);
        rig.Clock.Advance(TimeSpan.FromSeconds((int)started["interval_seconds"]!));
        disk.FillUp();

        var polled = await module.PollAsync(cancellationToken: Ct);

        Assert.Equal("credential_store_error", polled.Error);
        Assert.Contains("used up", (string)polled["detail"]!, StringComparison.Ordinal);
        Assert.Contains("run start again", (string)polled["hint"]!, StringComparison.Ordinal);
        Assert.DoesNotContain("try again", polled.ToJson(), StringComparison.OrdinalIgnoreCase);
        Assert.Empty(Directory.GetFiles(rig.Home, "pending-*.json"));
    }

    private static Task<Rig> StartOnAsync(SmallTmpfs disk) =>
        Rig.StartAsync(configure: options => options with { Home = Path.Combine(disk.MountPoint, "home") });

    /// <summary>Another process refreshes the stored session: the stored refresh token is the live one.</summary>
    private static async Task AssertIntactAsync(Rig rig)
    {
        var next = await rig.NewModule().RefreshAsync(Ct);

        Assert.True(next.Ok, next.ToJson());
        Assert.Equal(0, rig.Emulator.Control.RefreshTokenReuseCount);
        Assert.True(rig.Emulator.Control.LiveRefreshTokens.Contains(StoredRefreshToken(rig.Home)), "auth.json does not hold the live refresh token");
    }

    private static string StoredRefreshToken(string home)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(home, "auth.json")));
        return document.RootElement.GetProperty("refresh_token").GetString()!;
    }
}
