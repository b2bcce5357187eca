using System.Text;
using Npgsql;
using XaiGrok.Emulator;
using XaiGrok.Onboarding.PostgreSql;
using XaiGrok.Onboarding.Tests.Integration;
using XaiGrok.Onboarding.Tests.Support;
using Xunit;

namespace XaiGrok.Onboarding.Tests.PostgreSql;

/// <summary>
/// Replicas sharing one PostgreSQL against the emulator, which counts refreshes and detects a refresh token used twice
/// (it then revokes the grant, as xAI does).
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresReplicaTests(PostgresServer server)
{
    private const int TokenLifetimeSeconds = 600;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task FourReplicas_OneUserWhoseTokenKeepsExpiring_RefreshOncePerExpiry_AndNeverReuseARefreshToken()
    {
        await using var rig = await Rig.StartAsync(new EmulatorOptions { AccessTokenLifetimeSeconds = TokenLifetimeSeconds });
        await using var replicas = await PostgresReplicas.StartAsync(server, rig);
        var modules = new List<GrokOnboarding>();
        for (var i = 0; i < 4; i++)
        {
            modules.Add(await replicas.ModuleAsync("user-1"));
        }

        // Connected through the first replica, the person is connected on every one.
        await rig.ConnectAsync(modules[0]);
        foreach (var module in modules)
        {
            Assert.Equal(true, (await module.StatusAsync(Ct))["connected"]);
        }

        const int Expiries = 3;
        for (var expiry = 1; expiry <= Expiries; expiry++)
        {
            rig.Clock.Advance(TimeSpan.FromSeconds(TokenLifetimeSeconds));
            var calls = modules.SelectMany(module => Enumerable.Range(0, 4).Select(_ => Task.Run(() => module.StatusAsync(Ct), Ct))).ToArray();
            var results = await Task.WhenAll(calls);

            Assert.All(results, result => Assert.Equal(true, result["connected"]));
            Assert.Equal(expiry, rig.Emulator.Control.Count("grant:refresh_token"));
        }

        Assert.Equal(0, rig.Emulator.Control.RefreshTokenReuseCount);
    }

    [Fact]
    public async Task AReplicaWhoseConnectionIsKilledWhileItHoldsTheLock_LetsTheOthersRefresh()
    {
        await using var rig = await Rig.StartAsync(new EmulatorOptions { AccessTokenLifetimeSeconds = TokenLifetimeSeconds });
        await using var replicas = await PostgresReplicas.StartAsync(server, rig);
        var dying = await replicas.RuntimeAsync("user-kill");
        var survivor = new GrokOnboarding(await replicas.RuntimeAsync("user-kill"));
        await rig.ConnectAsync(survivor);
        rig.Clock.Advance(TimeSpan.FromSeconds(TokenLifetimeSeconds));

        var held = (PostgreSqlAdvisoryLock)await dying.Session.Store.LockAsync(Ct);
        var waiting = Task.Run(() => survivor.StatusAsync(Ct), Ct);
        await WaitForAWaiterAsync(replicas.ConnectionString);
        Assert.False(waiting.IsCompleted);

        await using (var admin = new NpgsqlConnection(replicas.ConnectionString))
        {
            await admin.OpenAsync(Ct);
            await using var kill = new NpgsqlCommand("SELECT pg_terminate_backend($1)", admin);
            kill.Parameters.AddWithValue(held.Connection.ProcessID);
            Assert.Equal(true, await kill.ExecuteScalarAsync(Ct));
        }

        var status = await waiting.WaitAsync(TimeSpan.FromMinutes(1), Ct);
        Assert.Equal(true, status["connected"]);
        held.Dispose();
        Assert.Equal(1, rig.Emulator.Control.Count("grant:refresh_token"));
        Assert.Equal(0, rig.Emulator.Control.RefreshTokenReuseCount);
    }

    [Fact]
    public async Task TheTables_HoldNoTokenNorDeviceCode_InAnyEncoding()
    {
        await using var rig = await Rig.StartAsync(new EmulatorOptions { AccessTokenLifetimeSeconds = TokenLifetimeSeconds });
        await using var replicas = await PostgresReplicas.StartAsync(server, rig);
        var module = new GrokOnboarding(await replicas.RuntimeAsync("user-at-rest"));

        var started = await module.StartAsync(Ct);
        Assert.True(started.Ok, started.ToJson());
        var whilePending = await DumpAsync(replicas.ConnectionString);
        Assert.Contains("grok_pending_flows", whilePending, StringComparison.Ordinal);
        rig.Emulator.Control.Approve((string)started["user_code"]!, 5);
        rig.Clock.Advance(TimeSpan.FromSeconds((int)started["interval_seconds"]!));
        Assert.Equal("connected", (await module.PollAsync(cancellationToken: Ct))["status"]);
        rig.Clock.Advance(TimeSpan.FromSeconds(TokenLifetimeSeconds));
        Assert.True((await module.RefreshAsync(Ct)).Ok);
        var connected = await DumpAsync(replicas.ConnectionString);

        var issued = rig.Emulator.Control.IssuedSecrets();
        Assert.NotEmpty(issued);
        foreach (var dump in new[] { whilePending, connected })
        {
            SecretScan.AssertAbsent(dump, issued);
            foreach (var (label, secret) in issued)
            {
                var hex = Convert.ToHexString(Encoding.UTF8.GetBytes(secret));
                Assert.False(dump.Contains(hex, StringComparison.OrdinalIgnoreCase), $"the {label} appears hex-encoded in the tables");
            }
        }
    }

    [Fact]
    public async Task TheSchema_MigratedByManyReplicasStartingAtOnce_IsCreatedOnce_AndAgainChangesNothing()
    {
        var database = await server.CreateDatabaseAsync();
        var dataSources = Enumerable.Range(0, 6).Select(_ => NpgsqlDataSource.Create(database)).ToArray();
        try
        {
            var applied = await Task.WhenAll(dataSources.Select(dataSource => Task.Run(() => PostgreSqlSchema.MigrateAsync(dataSource, Ct), Ct)));

            Assert.Equal(PostgreSqlSchema.CurrentVersion, applied.Sum());
            Assert.Equal(0, await PostgreSqlSchema.MigrateAsync(dataSources[0], Ct));
            await using var connection = await dataSources[0].OpenConnectionAsync(Ct);
            await using var version = new NpgsqlCommand("SELECT count(*), max(version) FROM grok_schema_version", connection);
            await using var reader = await version.ExecuteReaderAsync(Ct);
            Assert.True(await reader.ReadAsync(Ct));
            Assert.Equal(1L, reader.GetInt64(0));
            Assert.Equal(PostgreSqlSchema.CurrentVersion, reader.GetInt32(1));
        }
        finally
        {
            foreach (var dataSource in dataSources)
            {
                await dataSource.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task TheDatabaseDown_CallsFailWithATypedError_AndOnceItIsBack_TheSessionIsThere()
    {
        await using var rig = await Rig.StartAsync(new EmulatorOptions { AccessTokenLifetimeSeconds = TokenLifetimeSeconds });
        await using var replicas = await PostgresReplicas.StartAsync(server, rig);
        var module = await replicas.ModuleAsync("user-down");
        await rig.ConnectAsync(module);
        var database = new NpgsqlConnectionStringBuilder(replicas.ConnectionString).Database!;

        // Down for this database: new connections refused, the pool's connections cut.
        await AdminAsync($"ALTER DATABASE {database} WITH ALLOW_CONNECTIONS false");
        await AdminAsync($"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{database}'");
        rig.Clock.Advance(TimeSpan.FromSeconds(TokenLifetimeSeconds));
        var down = await module.StatusAsync(Ct);

        Assert.False(down.Ok);
        Assert.Equal("credential_store_error", down.Error);
        Assert.Equal(0, rig.Emulator.Control.Count("grant:refresh_token"));

        await AdminAsync($"ALTER DATABASE {database} WITH ALLOW_CONNECTIONS true");
        var back = await module.StatusAsync(Ct);

        Assert.Equal(true, back["connected"]);
        Assert.Equal(1, rig.Emulator.Control.Count("grant:refresh_token"));
        Assert.Equal(0, rig.Emulator.Control.RefreshTokenReuseCount);
    }

    private async Task AdminAsync(string sql)
    {
        await using var admin = new NpgsqlConnection(server.AdminConnectionString);
        await admin.OpenAsync(Ct);
        await using var command = new NpgsqlCommand(sql, admin);
        await command.ExecuteNonQueryAsync(Ct);
    }

    /// <summary>Every row of every table of the store, as PostgreSQL prints it (bytea as hex).</summary>
    internal static async Task<string> DumpAsync(string connectionString)
    {
        var dump = new StringBuilder();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(Ct);
        foreach (var table in new[] { "grok_credentials", "grok_pending_flows", "grok_model_cache", "grok_settings", "grok_completed_sign_ins", "grok_model_access" })
        {
            await using var rows = new NpgsqlCommand($"SELECT t::text FROM {table} t", connection);
            await using var reader = await rows.ExecuteReaderAsync(Ct);
            while (await reader.ReadAsync(Ct))
            {
                dump.Append(table).Append(' ').AppendLine(reader.GetString(0));
            }
        }

        return dump.ToString();
    }

    /// <summary>Waits (on the database's own view, no clock) until some session waits for an advisory lock.</summary>
    private static async Task WaitForAWaiterAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(Ct);
        await using var waiters = new NpgsqlCommand("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted", connection);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        limit.CancelAfter(TimeSpan.FromMinutes(1));
        while ((long)(await waiters.ExecuteScalarAsync(limit.Token))! == 0)
        {
            await Task.Delay(20, limit.Token);
        }
    }
}
