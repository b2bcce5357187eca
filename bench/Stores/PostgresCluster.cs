using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace XaiGrok.Onboarding.Bench.Stores;

/// <summary>
/// A throwaway PostgreSQL cluster for the store figures, the way the tests start theirs (tests/PostgreSql/PostgresServer.cs):
/// Debian's newest server, a cluster in a temporary folder (owned by the <c>postgres</c> user when run as root: the
/// server refuses root), listening on 127.0.0.1 only on a free port, unix sockets in that folder. Server settings are
/// the defaults (fsync and synchronous commit on) but <c>max_connections</c>; stopped and removed on dispose.
/// </summary>
internal sealed class PostgresCluster : IAsyncDisposable
{
    public const int MaxConnections = 300;

    private readonly string root;
    private readonly string bin;
    private readonly string data;

    private PostgresCluster(string root, string bin, int port)
    {
        this.root = root;
        this.bin = bin;
        data = Path.Combine(root, "data");
        Port = port;
    }

    public int Port { get; }

    public string Binaries => bin;

    public static async Task<PostgresCluster> StartAsync()
    {
        var bin = FindServer() ?? throw new InvalidOperationException("The PostgreSQL server is not installed: apt-get install postgresql.");
        var root = Directory.CreateTempSubdirectory("grok-bench-pg-").FullName;
        if (Environment.IsPrivilegedProcess)
        {
            await RunAsync("chown", ["postgres:postgres", root]);
        }

        var cluster = new PostgresCluster(root, bin, FreePort());
        await cluster.ServerToolAsync("initdb", ["-D", cluster.data, "-U", "grok", "-A", "trust", "-E", "UTF8", "--locale=C"]);
        await cluster.ServerToolAsync("pg_ctl", [
            "-D", cluster.data, "-l", Path.Combine(root, "server.log"), "-w", "-t", "120",
            "-o", $"-c listen_addresses=127.0.0.1 -p {cluster.Port} -k {root} -c max_connections={MaxConnections}",
            "start"]);
        return cluster;
    }

    /// <summary>A connection string to a new database, pooled with Npgsql's default pool size unless told.</summary>
    public async Task<string> CreateDatabaseAsync(string name, int maxPoolSize)
    {
        var admin = new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = Port, Username = "grok", Database = "postgres", Pooling = false };
        await using (var connection = new NpgsqlConnection(admin.ConnectionString))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await create.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(admin.ConnectionString) { Database = name, Pooling = true, MaxPoolSize = maxPoolSize }.ConnectionString;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await ServerToolAsync("pg_ctl", ["-D", data, "-m", "fast", "-w", "stop"]);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static string? FindServer()
    {
        const string Versions = "/usr/lib/postgresql";
        var debian = Directory.Exists(Versions)
            ? Directory.GetDirectories(Versions)
                .OrderByDescending(folder => int.TryParse(Path.GetFileName(folder), out var v) ? v : 0)
                .Select(folder => Path.Combine(folder, "bin"))
            : [];
        var path = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        return debian.Concat(path).FirstOrDefault(folder => File.Exists(Path.Combine(folder, "initdb")) && File.Exists(Path.Combine(folder, "pg_ctl")));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private Task ServerToolAsync(string tool, IReadOnlyList<string> arguments)
    {
        var path = Path.Combine(bin, tool);
        return Environment.IsPrivilegedProcess ? RunAsync("runuser", ["-u", "postgres", "--", path, .. arguments]) : RunAsync(path, arguments);
    }

    private static async Task RunAsync(string program, IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = "/" };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(program)} {string.Join(' ', arguments)} failed ({process.ExitCode}): {await output} {await error}");
        }
    }
}
