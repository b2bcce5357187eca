using System.Text.Json;
using XaiGrok.Emulator;
using XaiGrok.Onboarding.Tests.Support;
using Xunit;

namespace XaiGrok.Onboarding.Tests.Integration;

public sealed class SessionTests
{
    private static readonly TimeSpan SixHours = TimeSpan.FromSeconds(21600);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Status_FreshTokenAndWarmCache_MakesNoRequest()
    {
        await using var rig = await Rig.StartAsync();
        await rig.ConnectAsync(rig.NewModule());
        rig.Emulator.Control.ResetCounters();

        var status = await rig.NewModule().StatusAsync(Ct);

        Assert.Equal(true, status["connected"]);
        Assert.Equal("oauth", status["source"]);
        Assert.Equal("SuperGrok Heavy", status["subscription"]);
        Assert.True(status.ContainsKey("models"));
        Assert.DoesNotContain(rig.Emulator.Control.Counters, pair => pair.Value > 0);
    }

    [Fact]
    public async Task Status_InsideTheEarlyWindow_RefreshesFirst()
    {
        await using var rig = await Rig.StartAsync();
        await rig.ConnectAsync(rig.NewModule());
        rig.Clock.Advance(SixHours - TimeSpan.FromSeconds(200));

        var status = await rig.NewModule().StatusAsync(Ct);

        Assert.Equal(true, status["connected"]);
        Assert.Equal(1, rig.Emulator.Control.Count("grant:refresh_token"));
        Assert.True((long)status["expires_in_seconds"]! > 21000);
    }

    [Fact]
    public async Task Refresh_ThousandConcurrentCallers_SendOneRefresh()
    {
        await using var rig = await Rig.StartAsync();
        var module = rig.NewModule();
        await rig.ConnectAsync(module);
        rig.Clock.Advance(SixHours + TimeSpan.FromSeconds(1));

        var results = await Task.WhenAll(Enumerable.Range(0, 1000).Select(_ => Task.Run(() => module.StatusAsync(Ct), Ct)));

        Assert.All(results, result => Assert.Equal(true, result["connected"]));
        Assert.Equal(1, rig.Emulator.Control.Count("grant:refresh_token"));
        Assert.Single(results.Select(result => result["expires_at"]).Distinct());
    }

    [Fact]
    public async Task Refresh_SiblingRefreshedMeanwhile_AdoptsItsTokenWithoutARequest()
    {
        await using var rig = await Rig.StartAsync();
        await rig.ConnectAsync(rig.NewModule());
        using var other = rig.NewRuntime();
        var seenBefore = other.Session.Store.Read().Credential!;

        Assert.True((await rig.NewModule().RefreshAsync(Ct)).Ok);
        var adopted = await other.Session.RefreshAsync(seenBefore, force: true, Ct);

        Assert.True(adopted.IsSuccess);
        Assert.NotEqual(seenBefore.AccessToken, adopted.Value.AccessToken);
        Assert.Equal(1, rig.Emulator.Control.Count("grant:refresh_token"));
        Assert.Equal(0, rig.Emulator.Control.RefreshTokenReuseCount);
    }

    [Fact]
    public async Task Refresh_RevokedGrant_SaysReauthRequiredAndKeepsTheFile()
    {
        await using var rig = await Rig.StartAsync();
        var module = rig.NewModule();
        await rig.ConnectAsync(module);
        var stolen = ReadRefreshToken(rig.Home);
        Assert.True((await module.RefreshAsync(Ct)).Ok);

        // Someone presents the rotated-out refresh token: the server revokes the whole grant.
        using (var http = new HttpClient())
        {
            using var form = new FormUrlEncodedContent([new("grant_type", "refresh_token"), new("refresh_token", stolen), new("client_id", "test-client")]);
            using var _ = await http.PostAsync(rig.Emulator.Issuer + "/oauth2/token", form, Ct);
        }

        var refreshed = await module.RefreshAsync(Ct);
        var status = await rig.NewModule().StatusAsync(Ct);

        Assert.Equal("reauth_required", refreshed.Error);
        // The hint leaves a new sign-in to the person: the agent asks before it runs start.
        Assert.Contains("ask whether they want to sign in again; only if they do, run logout, then start", (string?)refreshed["hint"], StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(rig.Home, "auth.json")));
        Assert.Equal(false, status["connected"]);
        Assert.Equal("reauth_required", status["problem"]);
        SecretScan.AssertAbsent(refreshed.ToJson() + status.ToJson(), rig.SecretsOnDisk());
    }

    [Fact]
    public async Task Refresh_AnswerLostAfterRotation_IsNotResentAndNeverLogsOutSilently()
    {
        await using var rig = await Rig.StartAsync();
        var module = rig.NewModule();
        await rig.ConnectAsync(module);
        var before = File.ReadAllText(Path.Combine(rig.Home, "auth.json"));
        rig.Emulator.Control.AddFault(new EmulatorFault("/oauth2/token") { ProcessThenDrop = true });

        var lost = await module.RefreshAsync(Ct);

        Assert.Equal("network_error", lost.Error);
        Assert.Equal(1, rig.Emulator.Control.Count("grant:refresh_token"));
        Assert.Equal(before, File.ReadAllText(Path.Combine(rig.Home, "auth.json")));

        // The stored refresh token was spent by the server: the next attempt is told so, and says so.
        var next = await module.RefreshAsync(Ct);
        Assert.Equal("reauth_required", next.Error);
        Assert.True(File.Exists(Path.Combine(rig.Home, "auth.json")));
    }

    [Fact]
    public async Task Refresh_ServerError_IsRetriedOnTheInjectedClock()
    {
        await using var rig = await Rig.StartAsync();
        var module = rig.NewModule();
        await rig.ConnectAsync(module);
        rig.Emulator.Control.AddFault(new EmulatorFault("/oauth2/token") { Status = 503 });

        var refreshed = await rig.AdvancingAsync(module.RefreshAsync(Ct));

        Assert.True(refreshed.Ok, refreshed.ToJson());
        Assert.Equal(2, rig.Emulator.Control.Count("grant:refresh_token"));
    }

    [Fact]
    public async Task Refresh_NotConnected_SaysNotConnected()
    {
        await using var rig = await Rig.StartAsync();

        var refreshed = await rig.NewModule().RefreshAsync(Ct);

        Assert.Equal("not_connected", refreshed.Error);
        Assert.Equal(0, rig.Emulator.Control.Count("/oauth2/token"));
    }

    [Fact]
    public async Task Status_CorruptCredentialFile_IsKeptAsideAndSaysSignInAgain()
    {
        await using var rig = await Rig.StartAsync();
        await rig.ConnectAsync(rig.NewModule());
        File.WriteAllText(Path.Combine(rig.Home, "auth.json"), "{\"version\":1,\"access_token\":");

        var status = await rig.NewModule().StatusAsync(Ct);

        Assert.True(status.Ok);
        Assert.Equal(false, status["connected"]);
        Assert.Equal("not_connected", status["problem"]);
        Assert.Contains("auth.json.corrupt", (string)status["detail"]!, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(rig.Home, "auth.json.corrupt")));
        Assert.False(File.Exists(Path.Combine(rig.Home, "auth.json")));
    }

    [Fact]
    public async Task Refresh_AfterAWriterDied_RemovesItsTempFile()
    {
        await using var rig = await Rig.StartAsync();
        var module = rig.NewModule();
        await rig.ConnectAsync(module);
        var leftover = Path.Combine(rig.Home, ".auth.json.0123456789abcdef.tmp");
        File.WriteAllText(leftover, "{\"half\":");

        Assert.True((await module.RefreshAsync(Ct)).Ok);

        Assert.False(File.Exists(leftover));
        Assert.Empty(Directory.EnumerateFiles(rig.Home, "*.tmp", new EnumerationOptions { AttributesToSkip = 0 }));
    }

    [Fact]
    public async Task HotReload_ACredentialWrittenByHand_IsUsedOnTheNextCall()
    {
        await using var rig = await Rig.StartAsync();
        var longLived = rig.NewModule();
        await rig.ConnectAsync(longLived, tier: 5);
        Assert.Equal("SuperGrok Heavy", (await longLived.StatusAsync(Ct))["subscription"]);

        // Another tool signs in as a different tier, in a folder of its own, and auth.json is copied over by hand.
        using var otherHome = new TestHome();
        var elsewhere = rig.NewModule(rig.Options with { Home = otherHome.Path });
        var started = await elsewhere.StartAsync(Ct);
        rig.Emulator.Control.Approve((string)started["user_code"]!, tier: 1);
        rig.Clock.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal("connected", (await elsewhere.PollAsync(cancellationToken: Ct))["status"]);
        File.Copy(Path.Combine(otherHome.Path, "auth.json"), Path.Combine(rig.Home, "auth.json"), overwrite: true);

        Assert.Equal("SuperGrok", (await longLived.StatusAsync(Ct))["subscription"]);
    }

    [Fact]
    public async Task Logout_ByAnotherInstance_IsSeenOnTheNextCall()
    {
        await using var rig = await Rig.StartAsync();
        var longLived = rig.NewModule();
        await rig.ConnectAsync(longLived);
        Assert.Equal(true, (await longLived.StatusAsync(Ct))["connected"]);

        var logout = await rig.NewModule().LogoutAsync(Ct);

        Assert.Equal("revoked", logout["revocation"]);
        Assert.Equal(false, (await longLived.StatusAsync(Ct))["connected"]);
        Assert.Equal("not_connected", (await longLived.ModelsAsync(cancellationToken: Ct)).Error);
    }

    private static string ReadRefreshToken(string home)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(home, "auth.json")));
        return document.RootElement.GetProperty("refresh_token").GetString()!;
    }
}
