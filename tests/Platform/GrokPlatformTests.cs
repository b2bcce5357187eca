using XaiGrok.Emulator;
using XaiGrok.Onboarding.Platform;
using XaiGrok.Onboarding.Tests.Support;
using Xunit;

namespace XaiGrok.Onboarding.Tests.Platform;

[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class GrokPlatformTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly ChatMessage[] Hello = [ChatMessage.User("hello")];

    [Fact]
    public async Task ManyUsers_ConnectAndChat_OneDiscoveryFetchOwnFoldersNoTokenInAnyLogLine()
    {
        await using var rig = await PlatformRig.StartAsync();
        var ids = Enumerable.Range(1, 50).Select(n => $"user-{n}@example.com").ToArray();
        foreach (var id in ids)
        {
            await rig.ConnectAsync(id);
        }

        var answers = await Task.WhenAll(ids.Select(id => rig.Platform.ForUser(id).ChatAsync(null, Hello, cancellationToken: Ct)));

        Assert.All(answers, answer => Assert.True(answer.Ok, answer.ToJson()));
        Assert.Equal(1, rig.Emulator.Control.Count("/.well-known/openid-configuration"));
        Assert.Equal(50, rig.Emulator.Control.Count("/v1/chat/completions"));
        var folders = Directory.GetDirectories(rig.Root);
        Assert.Equal(50, folders.Length);
        Assert.All(folders, folder => Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(folder)));
        Assert.Equal(50, ids.Select(rig.AccessTokenOf).Distinct(StringComparer.Ordinal).Count());
        // The canary: the rig scans every line logged at trace level for all 50 users' tokens and device codes.
        Assert.NotEmpty(rig.Log.Lines);
    }

    [Fact]
    public async Task Discovery_ManyUsersAtOnce_FetchedOncePerIssuerPerTtl()
    {
        await using var rig = await PlatformRig.StartAsync(o => o with { DiscoveryTtl = TimeSpan.FromMinutes(10) });

        var first = await Task.WhenAll(Enumerable.Range(1, 20).Select(n => rig.Platform.ForUser($"a{n}").StartAsync(Ct)));
        rig.Clock.Advance(TimeSpan.FromMinutes(9));
        var still = await Task.WhenAll(Enumerable.Range(1, 20).Select(n => rig.Platform.ForUser($"b{n}").StartAsync(Ct)));
        Assert.Equal(1, rig.Emulator.Control.Count("/.well-known/openid-configuration"));

        rig.Clock.Advance(TimeSpan.FromMinutes(2));
        var after = await Task.WhenAll(Enumerable.Range(1, 20).Select(n => rig.Platform.ForUser($"c{n}").StartAsync(Ct)));

        Assert.All(first.Concat(still).Concat(after), started => Assert.True(started.Ok, started.ToJson()));
        Assert.Equal(2, rig.Emulator.Control.Count("/.well-known/openid-configuration"));
    }

    [Fact]
    public async Task Connections_FortyUsersChattingAtOnce_NeverAboveMaxConnectionsPerServer()
    {
        await using var rig = await PlatformRig.StartAsync(o => o with { MaxConnectionsPerServer = 4 });
        var ids = Enumerable.Range(1, 40).Select(n => $"u{n}").ToArray();
        foreach (var id in ids)
        {
            await rig.ConnectAsync(id);
        }

        // The first answers are held, so every other request finds the pool's connections busy: without the cap each
        // would open a connection of its own.
        var hold = new EmulatorHold();
        rig.Emulator.Control.AddFault(new EmulatorFault("/v1/chat/completions", Count: 4) { Hold = hold });
        rig.Emulator.Control.ResetCounters();
        var chats = ids.Select(id => rig.Platform.ForUser(id).ChatAsync(null, Hello, cancellationToken: Ct)).ToArray();
        await Eventually.WaitUntilAsync(() => rig.Emulator.Control.Count("/v1/chat/completions") >= 4, "four chats held at the emulator");
        hold.Release();
        var answers = await Task.WhenAll(chats);

        Assert.All(answers, answer => Assert.True(answer.Ok, answer.ToJson()));
        Assert.InRange(rig.Emulator.Control.PeakConnections, 1, 4);
    }

    [Fact]
    public async Task IdleUser_IsEvictedOnTheClock_AndRebuiltFromTheFolderOnTheNextCall()
    {
        await using var rig = await PlatformRig.StartAsync(o => o with { IdleTimeout = TimeSpan.FromMinutes(5) });
        await rig.ConnectAsync("alice");
        await rig.ConnectAsync("bob");
        Assert.Equal(2, rig.Platform.UsersInMemory);

        rig.Clock.Advance(TimeSpan.FromMinutes(4));
        Assert.True((await rig.Platform.ForUser("bob").StatusAsync(Ct)).Ok);
        rig.Clock.Advance(TimeSpan.FromMinutes(4));

        Assert.Equal(1, rig.Platform.UsersInMemory);
        var status = await rig.Platform.ForUser("alice").StatusAsync(Ct);
        Assert.Equal(true, status["connected"]);
        Assert.Equal(2, rig.Platform.UsersInMemory);
        Assert.True((await rig.Platform.ForUser("alice").ChatAsync(null, Hello, cancellationToken: Ct)).Ok);
    }

    [Fact]
    public async Task TwoRuntimesOfOneUser_AfterEviction_NeverRefreshWithOneRefreshTokenTwice()
    {
        await using var rig = await PlatformRig.StartAsync(
            o => o with { IdleTimeout = TimeSpan.FromMinutes(1), EarlyRefreshSeconds = 60 },
            new EmulatorOptions { AccessTokenLifetimeSeconds = 3600 });
        await rig.ConnectAsync("alice");
        var before = rig.Platform.RuntimeFor("alice");
        var held = rig.Platform.ForUser("alice");
        rig.Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(0, rig.Platform.UsersInMemory);
        var fresh = rig.Platform.ForUser("alice");
        Assert.NotSame(before, rig.Platform.RuntimeFor("alice"));
        rig.Clock.Advance(TimeSpan.FromHours(1));
        rig.Emulator.Control.ResetCounters();

        var both = await rig.AdvancingAsync(Task.WhenAll(
            Enumerable.Range(0, 8).Select(n => (n % 2 == 0 ? held : fresh).ChatAsync(null, Hello, cancellationToken: Ct))));

        Assert.All(both, answer => Assert.True(answer.Ok, answer.ToJson()));
        Assert.Equal(1, rig.Emulator.Control.Count("grant:refresh_token"));
        Assert.Equal(0, rig.Emulator.Control.RefreshTokenReuseCount);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(".")]
    [InlineData("..")]
    [InlineData("../x")]
    [InlineData("a/b")]
    [InlineData("a\\b")]
    [InlineData("a\0b")]
    [InlineData("a\nb")]
    [InlineData("a\u2028b")]
    [InlineData("a\u2029b")]
    [InlineData("a\u2215b")]
    [InlineData("a\uFF0Fb")]
    [InlineData("a\u202Eb")]
    [InlineData("a\u200Bb")]
    public async Task UserId_PathTrickOrControlCharacter_IsRefusedBeforeAnyFolder(string userId)
    {
        await using var rig = await PlatformRig.StartAsync();

        var refused = Assert.Throws<ArgumentException>(() => rig.Platform.ForUser(userId));

        Assert.Equal("userId", refused.ParamName);
        Assert.False(GrokPlatform.IsValidUserId(userId));
        Assert.Empty(Directory.GetFileSystemEntries(Path.GetDirectoryName(rig.Root)!));
    }

    [Fact]
    public async Task UserId_LongerThan256OrALoneSurrogate_IsRefused()
    {
        await using var rig = await PlatformRig.StartAsync();

        // Built here: a lone surrogate does not survive xunit's serialization of inline data.
        Assert.Throws<ArgumentException>(() => rig.Platform.ForUser("a" + '\uD800' + "b"));
        Assert.Throws<ArgumentException>(() => rig.Platform.ForUser(new string('a', 257)));
        Assert.True(GrokPlatform.IsValidUserId(new string('a', 256)));
    }

    [Fact]
    public async Task UserId_Valid_GetsItsOwnHashedFolderInsideTheRoot_CaseMatters()
    {
        await using var rig = await PlatformRig.StartAsync();
        string[] ids = ["Alice", "alice", "auth0|12345", "google-oauth2:42", "用户", "a b"];

        foreach (var id in ids)
        {
            Assert.True((await rig.Platform.ForUser(id).StatusAsync(Ct)).Ok);
        }

        var folders = Directory.GetDirectories(rig.Root).Select(folder => Path.GetFileName(folder)!).ToHashSet();
        Assert.Equal(ids.Select(PlatformUserId.FolderName).ToHashSet(), folders);
        Assert.All(folders, folder => Assert.Matches("^u-[0-9a-f]{32}$", folder));
        Assert.All(ids, id => Assert.Equal(id, UserFolder.IdOf(Path.Combine(rig.Root, PlatformUserId.FolderName(id)))));
    }

    [Fact]
    public async Task Status_ShowsTheLinkedAccount_TwoUsersOnOneXaiAccount()
    {
        await using var rig = await PlatformRig.StartAsync();
        await rig.ConnectAsync("alice", subject: "xai-account-1");
        await rig.ConnectAsync("bob", subject: "xai-account-1");
        await rig.ConnectAsync("carol");

        var alice = await rig.Platform.ForUser("alice").StatusAsync(Ct);
        var bob = await rig.Platform.ForUser("bob").StatusAsync(Ct);
        var carol = await rig.Platform.ForUser("carol").StatusAsync(Ct);

        Assert.Equal("xai-account-1", alice["subject"]);
        Assert.Equal("xai-account-1", bob["subject"]);
        Assert.Equal("xai-account-1@users.emulator.invalid", alice["email"]);
        Assert.NotEqual("xai-account-1", carol["subject"]);
        Assert.NotNull(carol["subject"]);
    }

    [Fact]
    public async Task ListUsers_FromTheStore_AndRevokeRemovesOneUserAtTheIssuerAndLocally()
    {
        await using var rig = await PlatformRig.StartAsync();
        await rig.ConnectAsync("alice", subject: "acct-1");
        await rig.ConnectAsync("bob", subject: "acct-1");
        await rig.ConnectAsync("carol", subject: "acct-2");
        Assert.True((await rig.Platform.ForUser("dave").StatusAsync(Ct)).Ok);

        var listed = await rig.Platform.ListUsersAsync(Ct);
        var users = ((object?[])listed["users"]!).Cast<SkillResult>().ToArray();
        Assert.Equal(["alice", "bob", "carol"], users.Select(user => (string)user["user_id"]!));
        Assert.Equal(["acct-1", "acct-1", "acct-2"], users.Select(user => (string)user["subject"]!));
        Assert.DoesNotContain("token", listed.ToJson(), StringComparison.OrdinalIgnoreCase);

        var revoked = await rig.Platform.RevokeAsync("bob", Ct);

        Assert.True(revoked.Ok, revoked.ToJson());
        Assert.Equal(1, rig.Emulator.Control.Count("/oauth2/revoke"));
        Assert.Equal(false, (await rig.Platform.ForUser("bob").StatusAsync(Ct))["connected"]);
        Assert.Equal(true, (await rig.Platform.ForUser("alice").StatusAsync(Ct))["connected"]);
        var after = ((object?[])(await rig.Platform.ListUsersAsync(Ct))["users"]!).Cast<SkillResult>();
        Assert.Equal(["alice", "carol"], after.Select(user => (string)user["user_id"]!));
    }

    [Fact]
    public async Task ListUsers_AFolderLabelledWithAnotherUsersId_IsNotBelieved()
    {
        await using var rig = await PlatformRig.StartAsync();
        await rig.ConnectAsync("alice");
        var alice = Path.Combine(rig.Root, PlatformUserId.FolderName("alice"));
        File.WriteAllText(Path.Combine(alice, UserFolder.IdFileName), "mallory");

        var listed = await rig.Platform.ListUsersAsync(Ct);

        Assert.Empty((object?[])listed["users"]!);
    }
}
