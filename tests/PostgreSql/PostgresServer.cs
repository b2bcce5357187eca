using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;
using Xunit;

namespace XaiGrok.Onboarding.Tests.PostgreSql;

/// <summary>
/// A throwaway PostgreSQL server from Debian's <c>postgresql</c> package, started once for the tests that need it: a
/// cluster in a temporary folder, owned by the <c>postgres</c> user when the tests run as root (the server refuses
/// root), listening on 127.0.0.1 only, on a free port, with its unix sockets in that folder. Stopped and removed at
/// the end. Never skipped: a machine without the server fails these tests with what to install.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    private static readonly TimeSpan StepTimeout = TimeSpan.FromMinutes(2);

    private string? root;
    private string? bin;
    private string? data;
    private int databases;

    public int Port { get; private set; }

    /// <summary>The superuser's connection string to the maintenance database.</summary>
    public string AdminConnectionString { get; private set; } = "";

    public async ValueTask InitializeAsync()
    {
        bin = FindServer() ?? throw new InvalidOperationException(
            "The PostgreSQL server is not installed, and the PostgreSQL store's tests start one of their own: install Debian's postgresql package (apt-get install postgresql; .ci/run does it when it is missing).");
        root = Directory.CreateTempSubdirectory("grok-pg-").FullName;
        data = Path.Combine(root, "data");
        if (Environment.IsPrivilegedProcess)
        {
            // PostgreSQL refuses to run as root: the cluster belongs to Debian's postgres user.
            await RunAsync("chown", ["postgres:postgres", root]);
        }

        await RunServerToolAsync("initdb", ["-D", data, "-U", "grok", "-A", "trust", "-E", "UTF8", "--no-sync", "--locale=C"]);
        Port = FreePort();
        await StartAsync();
        AdminConnectionString = new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = Port,
            Username = "grok",
            Database = "postgres",
            Pooling = false,
        }.ConnectionString;
    }

    /// <summary>
    /// Starts the server again after <see cref="StopAsync"/>, on the same port with the same data; waits until it
    /// accepts connections.
    /// </summary>
    public Task StartAsync() => RunServerToolAsync("pg_ctl", [
        "-D", data!, "-l", Path.Combine(root!, "server.log"), "-w", "-t", "120",
        "-o", $"-c listen_addresses=127.0.0.1 -p {Port} -k {root} -c max_connections=300",
        "start"]);

    /// <summary>
    /// Stops the server (fast: open connections are cut, as in a database restart) until <see cref="StartAsync"/>. The
    /// tests of the collection run one at a time, so no other test sees it down; a test that stops it starts it again
    /// in a <c>finally</c>.
    /// </summary>
    public Task StopAsync() => RunServerToolAsync("pg_ctl", ["-D", data!, "-m", "fast", "-w", "-t", "120", "stop"]);

    /// <summary>A new, empty database for one test; its connection string (pooled).</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = $"grok_test_{Interlocked.Increment(ref databases)}_{Guid.NewGuid():N}"[..40];
        await using (var connection = new NpgsqlConnection(AdminConnectionString))
        {
            await connection.OpenAsync(TestContext.Current.CancellationToken);
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await create.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }

        return new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name, Pooling = true }.ConnectionString;
    }

    public async ValueTask DisposeAsync()
    {
        if (data is not null && bin is not null)
        {
            try
            {
                await RunServerToolAsync("pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"]);
            }
            catch (InvalidOperationException)
            {
                // Not running (it failed to start): nothing to stop.
            }
        }

        if (root is not null)
        {
            try
            {
                Directory.Delete(root, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    /// <summary>Debian's newest server (it keeps initdb off the PATH), else one on the PATH (other systems).</summary>
    private static string? FindServer()
    {
        const string Versions = "/usr/lib/postgresql";
        var debian = Directory.Exists(Versions)
            ? Directory.GetDirectories(Versions)
                .Select(folder => (folder, version: int.TryParse(Path.GetFileName(folder), out var v) ? v : 0))
                .OrderByDescending(found => found.version)
                .Select(found => Path.Combine(found.folder, "bin"))
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

    private Task RunServerToolAsync(string tool, IReadOnlyList<string> arguments)
    {
        var path = Path.Combine(bin!, tool);
        return Environment.IsPrivilegedProcess
            ? RunAsync("runuser", ["-u", "postgres", "--", path, .. arguments])
            : RunAsync(path, arguments);
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
        using var timeout = new CancellationTokenSource(StepTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{Path.GetFileName(program)} did not finish within {StepTimeout.TotalSeconds} s while starting the test PostgreSQL server.");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(program)} {string.Join(' ', arguments)} failed ({process.ExitCode}) while starting the test PostgreSQL server: {await output} {await error}");
        }
    }
}
