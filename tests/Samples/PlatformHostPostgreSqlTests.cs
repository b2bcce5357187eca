using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Npgsql;
using XaiGrok.Onboarding.Tests.PostgreSql;
using Xunit;

namespace XaiGrok.Onboarding.Tests.Samples;

/// <summary>
/// samples/PlatformHost as replicas: two host processes with <c>ConnectionStrings__Grok</c> on one database of the
/// tests' own PostgreSQL server, each with its own state root (they share no folder), against one emulator.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PlatformHostPostgreSqlTests(PostgresServer server)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TwoReplicas_OneDatabase_ConnectOnOnePollOnTheOther_ListAndDeleteOnEither()
    {
        var database = await server.CreateDatabaseAsync();
        await using var a = await PlatformHostRig.StartAsync(Replica(database));
        await using var b = await PlatformHostRig.StartAsync(Replica(database), sharedEmulator: a.Emulator);
        Assert.NotEqual(a.StateRoot, b.StateRoot);

        var (connectStatus, started) = await a.PostAsync("users/alice/connect");
        Assert.Equal(HttpStatusCode.OK, connectStatus);
        a.Emulator.Control.Approve(started.GetProperty("user_code").GetString()!, 5, "xai-account-alice");

        // The sign-in A sealed opens on B: the key that sealed it came from the database, not from a folder of A's.
        var connected = await PollUntilConnectedAsync(b, "alice", started.GetProperty("pending_id").GetString()!);
        Assert.Equal(5, connected.GetProperty("tier").GetInt32());
        foreach (var replica in (PlatformHostRig[])[a, b])
        {
            var (_, status) = await replica.GetAsync("users/alice/status");
            Assert.True(status.GetProperty("connected").GetBoolean(), status.ToString());
            Assert.Equal("xai-account-alice", status.GetProperty("subject").GetString());

            var (_, listed) = await replica.GetAsync("users");
            var user = Assert.Single(listed.GetProperty("users").EnumerateArray());
            Assert.Equal("alice", user.GetProperty("user_id").GetString());
        }

        Assert.True(await CountAsync(database, "SELECT count(*) FROM grok_data_protection_keys") >= 1);
        Assert.Equal(1, await CountAsync(database, "SELECT count(*) FROM grok_credentials WHERE user_id = 'alice'"));

        var (deleteStatus, deleted) = await a.SendAsync(HttpMethod.Delete, "users/alice");
        Assert.Equal(HttpStatusCode.OK, deleteStatus);
        Assert.Equal("logged_out", deleted.GetProperty("status").GetString());

        var (_, after) = await b.GetAsync("users/alice/status");
        Assert.False(after.GetProperty("connected").GetBoolean());
        var (_, none) = await b.GetAsync("users");
        Assert.Empty(none.GetProperty("users").EnumerateArray());
        Assert.Equal(0, await CountAsync(database, """
            SELECT (SELECT count(*) FROM grok_credentials WHERE user_id = 'alice')
                 + (SELECT count(*) FROM grok_pending_flows WHERE user_id = 'alice')
                 + (SELECT count(*) FROM grok_model_cache WHERE user_id = 'alice')
                 + (SELECT count(*) FROM grok_settings WHERE user_id = 'alice')
            """));
    }

    [Fact]
    public async Task StartedWhileTheDatabaseIsDown_AnswersCredentialStoreError_ThenServesWithoutARestart()
    {
        var database = await server.CreateDatabaseAsync();
        await server.StopAsync();
        var restarted = false;
        try
        {
            await using var host = await PlatformHostRig.StartAsync(Replica(database));

            var (status, failure) = await host.GetAsync("users/bob/status");
            Assert.Equal(HttpStatusCode.InternalServerError, status);
            Assert.Equal("credential_store_error", failure.GetProperty("error").GetString());
            AssertSpeaksOfTheDatabase(failure);

            var (listStatus, listFailure) = await host.GetAsync("users");
            Assert.Equal(HttpStatusCode.InternalServerError, listStatus);
            Assert.Equal("credential_store_error", listFailure.GetProperty("error").GetString());
            AssertSpeaksOfTheDatabase(listFailure);

            await server.StartAsync();
            restarted = true;

            var (upStatus, up) = await host.GetAsync("users/bob/status");
            Assert.Equal(HttpStatusCode.OK, upStatus);
            Assert.False(up.GetProperty("connected").GetBoolean());

            var connected = await host.ConnectAsync("bob", 3, "xai-account-bob");
            Assert.Equal(3, connected.GetProperty("tier").GetInt32());
            Assert.Equal(1, await CountAsync(database, "SELECT count(*) FROM grok_credentials WHERE user_id = 'bob'"));
        }
        finally
        {
            if (!restarted)
            {
                await server.StartAsync();
            }
        }
    }

    /// <summary>A failure of the PostgreSQL store never sends the operator to a state folder the host does not use for it.</summary>
    internal static void AssertSpeaksOfTheDatabase(JsonElement failure)
    {
        var words = failure.GetProperty("detail").GetString() + "\n" + failure.GetProperty("hint").GetString();
        foreach (var fileWord in (string[])["state folder", "auth.json", "XAI_GROK_HOME"])
        {
            Assert.DoesNotContain(fileWord, words, StringComparison.OrdinalIgnoreCase);
        }

        Assert.Contains("PostgreSQL", words, StringComparison.Ordinal);
    }

    private static Dictionary<string, string?> Replica(string database) => new(StringComparer.Ordinal)
    {
        ["ConnectionStrings__Grok"] = database,
    };

    private static async Task<long> CountAsync(string database, string sql)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync(Ct))!;
    }

    private static async Task<JsonElement> PollUntilConnectedAsync(PlatformHostRig replica, string user, string pendingId)
    {
        var bound = Stopwatch.StartNew();
        while (true)
        {
            await Task.Delay(TimeSpan.FromSeconds(1.05), Ct);
            var (status, polled) = await replica.PostAsync($"users/{user}/poll?pending_id={Uri.EscapeDataString(pendingId)}");
            Assert.True(status == HttpStatusCode.OK, polled.ToString());
            if (polled.GetProperty("status").GetString() == "connected")
            {
                return polled;
            }

            Assert.Equal("pending", polled.GetProperty("status").GetString());
            Assert.True(bound.Elapsed < TimeSpan.FromSeconds(60), $"the sign-in did not connect within 60 s: {polled}");
        }
    }
}
