using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;
using Xunit;

namespace XaiGrok.Onboarding.Tests.PostgreSql;

[Collection(PostgresCollection.Name)]
public sealed class PostgreSqlHealthCheckTests(PostgresServer server)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AFreshDatabase_IsHealthy_AndSaysTheFirstCallCreatesTheTables()
    {
        await using var dataSource = NpgsqlDataSource.Create(await server.CreateDatabaseAsync());

        var result = await new XaiGrokPostgreSqlHealthCheck(dataSource).CheckHealthAsync(new HealthCheckContext(), Ct);

        Assert.Equal(HealthStatus.Healthy, result.Status);
        Assert.Contains("not created yet", result.Description);
    }

    [Fact]
    public async Task AMigratedDatabase_IsHealthy_WithItsVersion()
    {
        await using var dataSource = NpgsqlDataSource.Create(await server.CreateDatabaseAsync());
        await GrokPostgreSqlStore.OpenAsync(dataSource, new EphemeralDataProtectionProvider(), Ct);

        var result = await new XaiGrokPostgreSqlHealthCheck(dataSource).CheckHealthAsync(new HealthCheckContext(), Ct);

        Assert.Equal(HealthStatus.Healthy, result.Status);
        Assert.Contains("schema is version", result.Description);
    }

    [Fact]
    public async Task ASchemaNewerThanTheLibrary_IsUnhealthy_AndSaysToUpdateTheReplica()
    {
        await using var dataSource = NpgsqlDataSource.Create(await server.CreateDatabaseAsync());
        await GrokPostgreSqlStore.OpenAsync(dataSource, new EphemeralDataProtectionProvider(), Ct);
        await using (var newer = dataSource.CreateCommand("UPDATE grok_schema_version SET version = 999"))
        {
            await newer.ExecuteNonQueryAsync(Ct);
        }

        var result = await new XaiGrokPostgreSqlHealthCheck(dataSource).CheckHealthAsync(new HealthCheckContext(), Ct);

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.Contains("update the package", result.Description);
    }

    [Fact]
    public async Task AnUnreachableDatabase_IsUnhealthy_WithoutItsConnectionString()
    {
        var closedPort = ClosedPort();
        const string Canary = "canary-password-7f3a";
        var connectionString = new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = closedPort, Username = "grok", Password = Canary, Timeout = 5 }.ConnectionString;
        await using var dataSource = NpgsqlDataSource.Create(connectionString);

        var result = await new XaiGrokPostgreSqlHealthCheck(dataSource).CheckHealthAsync(new HealthCheckContext(), Ct);

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.Contains("could not be reached", result.Description);
        Assert.DoesNotContain(Canary, result.Description);
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
