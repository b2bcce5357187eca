using Microsoft.AspNetCore.DataProtection;
using Npgsql;
using XaiGrok.Onboarding.Tests.Platform;
using Xunit;

namespace XaiGrok.Onboarding.Tests.PostgreSql;

/// <summary>
/// <see cref="GrokPlatform"/> on the PostgreSQL store, in process: the users listed from <c>grok_credentials</c>, and a
/// revoked user's rows gone from every table.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresPlatformTests(PostgresServer server)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ListUsers_FromTheTable_AndRevokeLeavesNoRowOfTheUser()
    {
        var database = await server.CreateDatabaseAsync();
        await using var dataSource = NpgsqlDataSource.Create(database);
        var store = GrokPostgreSqlStore.Create(dataSource, new EphemeralDataProtectionProvider());
        await using var rig = await PlatformRig.StartAsync(options => options with { Store = store });
        await rig.ConnectAsync("alice", subject: "acct-1");
        await rig.ConnectAsync("bob", subject: "acct-1");
        await rig.ConnectAsync("carol", subject: "acct-2");
        Assert.True((await rig.Platform.ForUser("bob").ModelsAsync(cancellationToken: Ct)).Ok);
        Assert.True((await rig.Platform.ForUser("bob").UseModelAsync("xai-grok/grok-4.3", Ct)).Ok);
        Assert.True((await rig.Platform.ForUser("dave").StatusAsync(Ct)).Ok);
        Assert.True(await CountAsync(dataSource, "bob") >= 2, "bob's chosen model and model list are rows of their own");

        var listed = await rig.Platform.ListUsersAsync(Ct);
        var users = ((object?[])listed["users"]!).Cast<SkillResult>().ToArray();
        Assert.Equal(["alice", "bob", "carol"], users.Select(user => (string)user["user_id"]!));
        Assert.Equal(["acct-1", "acct-1", "acct-2"], users.Select(user => (string)user["subject"]!));
        Assert.DoesNotContain("token", listed.ToJson(), StringComparison.OrdinalIgnoreCase);

        var revoked = await rig.Platform.RevokeAsync("bob", Ct);

        Assert.True(revoked.Ok, revoked.ToJson());
        Assert.Equal(1, rig.Emulator.Control.Count("/oauth2/revoke"));
        Assert.Equal(0, await CountAsync(dataSource, "bob"));
        Assert.Equal(false, (await rig.Platform.ForUser("bob").StatusAsync(Ct))["connected"]);
        Assert.Equal(true, (await rig.Platform.ForUser("alice").StatusAsync(Ct))["connected"]);
        var after = ((object?[])(await rig.Platform.ListUsersAsync(Ct))["users"]!).Cast<SkillResult>();
        Assert.Equal(["alice", "carol"], after.Select(user => (string)user["user_id"]!));
    }

    /// <summary>Every row of <paramref name="userId"/>, in every table that has one.</summary>
    private static async Task<long> CountAsync(NpgsqlDataSource dataSource, string userId)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT (SELECT count(*) FROM grok_credentials WHERE user_id = $1)
                 + (SELECT count(*) FROM grok_pending_flows WHERE user_id = $1)
                 + (SELECT count(*) FROM grok_model_cache WHERE user_id = $1)
                 + (SELECT count(*) FROM grok_settings WHERE user_id = $1)
            """);
        command.Parameters.AddWithValue(userId);
        return (long)(await command.ExecuteScalarAsync(Ct))!;
    }
}
