using System.Diagnostics;
using System.Globalization;
using Npgsql;
using XaiGrok.Emulator;
using XaiGrok.Onboarding.PostgreSql;
using XaiGrok.Onboarding.Tests.Integration;
using Xunit;

namespace XaiGrok.Onboarding.Tests.PostgreSql;

/// <summary>Refreshes through the PostgreSQL store: the same rules as the files, and what one costs beside them.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresRefreshTests(PostgresServer server)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ARefreshSent_IsStoredInTheDatabase_WhateverTheCallerCancels_AndAnotherReplicaAdoptsIt()
    {
        await using var rig = await Rig.StartAsync();
        await using var replicas = await PostgresReplicas.StartAsync(server, rig);
        var first = new GrokOnboarding(await replicas.RuntimeAsync("user-cancel"));
        var second = new GrokOnboarding(await replicas.RuntimeAsync("user-cancel"));
        await rig.ConnectAsync(first);
        var hold = new EmulatorHold();
        rig.Emulator.Control.AddFault(new EmulatorFault("/oauth2/token") { Hold = hold });
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Ct);

        var refreshing = first.RefreshAsync(cancel.Token);
        await hold.Reached.WaitAsync(Ct);
        cancel.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => refreshing);

        // The other replica waits on the lock the cut-short refresh still holds, then adopts what it stored.
        var adopting = second.RefreshAsync(Ct);
        hold.Release();
        var adopted = await adopting;

        Assert.True(adopted.Ok, adopted.ToJson());
        Assert.Equal(1, rig.Emulator.Control.Count("grant:refresh_token"));
        var again = await second.RefreshAsync(Ct);
        Assert.True(again.Ok, again.ToJson());
        Assert.Equal(2, rig.Emulator.Control.Count("grant:refresh_token"));
        Assert.Equal(0, rig.Emulator.Control.RefreshTokenReuseCount);
    }

    /// <summary>
    /// The database goes away between the token request and the write of its answer (the lock's connection with it): the
    /// answer, which holds the only live refresh token, waits for the database (on the fake clock) and is stored under
    /// the lock taken again, since nobody changed the row meanwhile. Before, the session was lost (reauth_required).
    /// </summary>
    [Fact]
    public async Task ARefreshAnsweredWhileTheDatabaseIsDown_IsStoredOnceItIsBack_AndTheSessionLives()
    {
        await using var rig = await Rig.StartAsync();
        await using var replicas = await PostgresReplicas.StartAsync(server, rig);
        var first = new GrokOnboarding(await replicas.RuntimeAsync("user-restart"));
        await rig.ConnectAsync(first);
        var refreshing = await RefreshAnsweredWhileTheDatabaseIsDownAsync(rig, first);

        var refreshed = await rig.AdvancingAsync(refreshing);

        Assert.True(refreshed.Ok, refreshed.ToJson());
        var second = new GrokOnboarding(await replicas.RuntimeAsync("user-restart"));
        var again = await second.RefreshAsync(Ct);
        Assert.True(again.Ok, again.ToJson());
        Assert.Equal(2, rig.Emulator.Control.Count("grant:refresh_token"));
        Assert.Equal(0, rig.Emulator.Control.RefreshTokenReuseCount);
    }

    /// <summary>
    /// The same, but another replica changed the row while the database was away for the first one's answer (here: it
    /// refreshed with the spent token, was refused, and marked the session): the waiting answer is not written over
    /// it, and the first replica answers a typed reauth_required, not an internal error.
    /// </summary>
    [Fact]
    public async Task AnAnswerWaitingForTheDatabase_NeverWritesOverARowAnotherReplicaChanged()
    {
        await using var rig = await Rig.StartAsync();
        await using var replicas = await PostgresReplicas.StartAsync(server, rig);
        var first = new GrokOnboarding(await replicas.RuntimeAsync("user-race"));
        var second = new GrokOnboarding(await replicas.RuntimeAsync("user-race"));
        await rig.ConnectAsync(first);
        var refreshing = await RefreshAnsweredWhileTheDatabaseIsDownAsync(rig, first);

        var refused = await second.RefreshAsync(Ct);
        var lost = await rig.AdvancingAsync(refreshing);

        Assert.True(refused.Error == "reauth_required", refused.ToJson());
        Assert.Equal("reauth_required", lost.Error);
        Assert.Contains("another replica changed the session", (string)lost["detail"]!);
        var status = await second.StatusAsync(Ct);
        Assert.False((bool)status["connected"]!, status.ToJson());
    }

    /// <summary>
    /// Forced refreshes on each store, side by side in one run against one emulator: each spends exactly one refresh
    /// token and none is reused. Their cost (p50, p99) and the rows and bytes a person takes are written to the test
    /// output (docs/scaling.md).
    /// </summary>
    [Fact]
    public async Task ForcedRefreshes_OnTheFileStoreAndOnPostgreSql_EachSpendOneRefreshToken_AndTheirCostIsReported()
    {
        const int Refreshes = 60;
        await using var rig = await Rig.StartAsync();
        await using var replicas = await PostgresReplicas.StartAsync(server, rig);
        var onFiles = rig.NewModule();
        var onPostgres = new GrokOnboarding(await replicas.RuntimeAsync("user-figures"));
        await rig.ConnectAsync(onFiles);
        await rig.ConnectAsync(onPostgres);

        var files = await TimeAsync(onFiles, Refreshes);
        var postgres = await TimeAsync(onPostgres, Refreshes);

        Assert.Equal(2 * Refreshes, rig.Emulator.Control.Count("grant:refresh_token"));
        Assert.Equal(0, rig.Emulator.Control.RefreshTokenReuseCount);
        var (rows, bytes) = await FootprintAsync(replicas.ConnectionString, "user-figures");
        Assert.True(rows >= 1);
        var output = TestContext.Current.TestOutputHelper!;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"refresh, file store (flock): p50 {Percentile(files, 0.50):0.00} ms, p99 {Percentile(files, 0.99):0.00} ms over {Refreshes}"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"refresh, PostgreSQL (advisory lock): p50 {Percentile(postgres, 0.50):0.00} ms, p99 {Percentile(postgres, 0.99):0.00} ms over {Refreshes}"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"PostgreSQL, one connected person (credential and model list): {rows} rows, {bytes} bytes (pg_column_size of the rows)"));
    }

    /// <summary>
    /// Starts a refresh whose token answer the emulator holds, stops the database, lets the answer come, and starts the
    /// database again once the store waits on the fake clock to store it; returns the refresh, still in flight.
    /// </summary>
    private async Task<Task<SkillResult>> RefreshAnsweredWhileTheDatabaseIsDownAsync(Rig rig, GrokOnboarding module)
    {
        var hold = new EmulatorHold();
        rig.Emulator.Control.AddFault(new EmulatorFault("/oauth2/token") { Hold = hold });
        var refreshing = module.RefreshAsync(Ct);
        await hold.Reached.WaitAsync(Ct);
        await server.StopAsync();
        try
        {
            hold.Release();

            // The answer comes and cannot be written: the store then waits on the fake clock to try again, and the timer it
            // arms wakes this loop (no real-time polling).
            while (true)
            {
                var armed = rig.Clock.NextTimerArmed;
                if (refreshing.IsCompleted || rig.Clock.NextTimerIn is { } wait && wait <= PostgreSqlCredentialStore.FirstRetry)
                {
                    break;
                }

                await Task.WhenAny(refreshing, armed).WaitAsync(TimeSpan.FromMinutes(2), Ct);
            }
        }
        finally
        {
            await server.StartAsync();
        }

        return refreshing;
    }

    private static async Task<List<double>> TimeAsync(GrokOnboarding module, int count)
    {
        var took = new List<double>();
        for (var i = 0; i < count; i++)
        {
            var started = Stopwatch.GetTimestamp();
            var refreshed = await module.RefreshAsync(Ct);
            took.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            Assert.True(refreshed.Ok, refreshed.ToJson());
        }

        return took;
    }

    private static double Percentile(List<double> values, double rank)
    {
        var sorted = values.Order().ToArray();
        return sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(rank * sorted.Length) - 1)];
    }

    private static async Task<(long Rows, long Bytes)> FootprintAsync(string connectionString, string userId)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(Ct);
        long rows = 0, bytes = 0;
        foreach (var table in new[] { "grok_credentials", "grok_pending_flows", "grok_model_cache", "grok_settings" })
        {
            await using var measure = new NpgsqlCommand($"SELECT count(*), coalesce(sum(pg_column_size(t)), 0) FROM {table} t WHERE user_id = $1", connection);
            measure.Parameters.AddWithValue(userId);
            await using var reader = await measure.ExecuteReaderAsync(Ct);
            await reader.ReadAsync(Ct);
            rows += reader.GetInt64(0);
            bytes += reader.GetInt64(1);
        }

        return (rows, bytes);
    }
}
