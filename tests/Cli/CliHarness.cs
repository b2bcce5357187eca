using System.Diagnostics;
using System.Text.Json;
using XaiGrok.Emulator;
using XaiGrok.Onboarding.Tests.Support;
using Xunit;

namespace XaiGrok.Onboarding.Tests.Cli;

/// <summary>
/// One test's world for the CLI: its own emulator, its own <c>XAI_GROK_HOME</c>, the environment that points the
/// CLI at both, and every stdout/stderr the test collected. After each run it learns the secrets on disk (tokens in
/// <c>auth.json</c>, device codes in <c>pending-*.json</c>), so <see cref="AssertNoSecretsLeaked"/> can check that
/// none of them, nor any earlier one (tokens rotate, flows are removed), ever reached an output.
/// </summary>
internal sealed class CliHarness : IAsyncDisposable
{
    public const string ClientId = "xgo-cli-tests";

    private readonly List<CliRun> runs = [];
    private readonly Dictionary<string, string> secrets = new(StringComparer.Ordinal);
    private readonly Lock gate = new();

    private CliHarness(XaiEmulator emulator, TestHome home)
    {
        Emulator = emulator;
        Home = home;
        Environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["XAI_OAUTH_ISSUER"] = emulator.Issuer,
            ["XAI_OAUTH_CLIENT_ID"] = ClientId,
            ["XAI_API_BASE_URL"] = emulator.ApiBaseUrl,
            ["XAI_GROK_HOME"] = home.Path,

            // Every CLI run logs at the most verbose level, to a file beside the state folder; the file is scanned
            // for every secret the emulator issued when the harness ends.
            ["XAI_GROK_LOG"] = "trace",
            ["XAI_GROK_LOG_FILE"] = System.IO.Path.Combine(home.Parent, "cli.log"),
        };
    }

    /// <summary>What the CLI runs logged (empty when none did).</summary>
    public string LogText => File.Exists(Environment["XAI_GROK_LOG_FILE"]) ? File.ReadAllText(Environment["XAI_GROK_LOG_FILE"]) : "";

    public XaiEmulator Emulator { get; }

    public EmulatorControl Control => Emulator.Control;

    public TestHome Home { get; }

    /// <summary>The CLI's environment; a test may change it before a run.</summary>
    public Dictionary<string, string> Environment { get; }

    public IReadOnlyList<CliRun> Runs
    {
        get
        {
            lock (gate)
            {
                return [.. runs];
            }
        }
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Starts an emulator with a 1 s poll interval (so a test waits at most about 1 s of real time between polls).</summary>
    public static async Task<CliHarness> StartAsync(EmulatorOptions? options = null)
    {
        options ??= new EmulatorOptions { PollIntervalSeconds = 1, EnforcePollInterval = true };
        var emulator = await XaiEmulator.StartAsync(options, Ct);
        return new CliHarness(emulator, new TestHome());
    }

    /// <summary>
    /// An emulator whose access tokens live <paramref name="lifetimeSeconds"/>, and a CLI refreshing
    /// <paramref name="earlyRefreshSeconds"/> before expiry (a window longer than the lifetime: always due).
    /// </summary>
    public static async Task<CliHarness> StartWithTokenLifetimeAsync(int lifetimeSeconds, string? earlyRefreshSeconds)
    {
        var cli = await StartAsync(new EmulatorOptions { PollIntervalSeconds = 1, EnforcePollInterval = true, AccessTokenLifetimeSeconds = lifetimeSeconds });
        if (earlyRefreshSeconds is not null)
        {
            cli.Environment["GROK_AUTH_EARLY_INVALIDATION_SECS"] = earlyRefreshSeconds;
        }

        return cli;
    }

    public async Task<CliRun> RunAsync(params string[] args)
    {
        var run = await CliRunner.RunAsync(Environment, args);
        Record(run);
        return run;
    }

    /// <summary>Runs the CLI with <paramref name="input"/> written to its stdin (then closed).</summary>
    public async Task<CliRun> RunWithInputAsync(string input, params string[] args)
    {
        using var process = Process.Start(CliRunner.StartInfo(Environment, args)) ?? throw new InvalidOperationException("could not start the CLI");
        var stdout = process.StandardOutput.ReadToEndAsync(Ct);
        var stderr = process.StandardError.ReadToEndAsync(Ct);
        await process.StandardInput.WriteAsync(input);
        process.StandardInput.Close();
        await process.WaitForExitAsync(Ct);
        var run = new CliRun(process.ExitCode, await stdout, await stderr);
        Record(run);
        return run;
    }

    /// <summary>Starts <paramref name="count"/> CLI processes with the same arguments at once, then waits for all.</summary>
    public async Task<CliRun[]> RunTogetherAsync(int count, params string[] args)
    {
        var infos = Enumerable.Range(0, count).Select(_ => CliRunner.StartInfo(Environment, args)).ToArray();
        return await RunProcessesAsync(infos);
    }

    /// <summary>Runs the CLI through <c>sh -c "umask 000; exec dotnet ..."</c>, with CliRunner's environment clean-up.</summary>
    public async Task<CliRun> RunUnderUmask000Async(params string[] args)
    {
        var info = CliRunner.StartInfo(Environment, args);
        var passed = info.ArgumentList.ToArray(); // the CLI's dll, then the verb and its options
        info.FileName = "sh";
        info.ArgumentList.Clear();
        info.ArgumentList.Add("-c");

        // A probe file beside the home shows that the umask really was 000 for the process that exec'd the CLI.
        info.ArgumentList.Add("umask 000; : > \"$XGO_UMASK_PROBE\"; exec dotnet \"$@\"");
        info.ArgumentList.Add("sh");
        foreach (var arg in passed)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["XGO_UMASK_PROBE"] = UmaskProbe;
        return (await RunProcessesAsync([info]))[0];
    }

    public string UmaskProbe => Path.Combine(Home.Parent, "umask-probe");

    /// <summary>Runs the CLI as a shell runs <c>xai-grok-onboarding ARGS &lt;/dev/null</c>.</summary>
    public async Task<CliRun> RunWithStdinFromDevNullAsync(params string[] args)
    {
        var info = CliRunner.StartInfo(Environment, args);
        var passed = info.ArgumentList.ToArray();
        info.FileName = "sh";
        info.ArgumentList.Clear();
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add("exec dotnet \"$@\" </dev/null");
        info.ArgumentList.Add("sh");
        foreach (var arg in passed)
        {
            info.ArgumentList.Add(arg);
        }

        return (await RunProcessesAsync([info]))[0];
    }

    /// <summary>start, approve with <paramref name="tier"/>, wait the 1 s interval, poll: the connected poll result.</summary>
    public async Task<CliRun> ConnectAsync(int tier = 5)
    {
        var start = await RunAsync("start");
        Assert.True(start.ExitCode == 0, start.ToString());
        Control.Approve(start.Json.GetProperty("user_code").GetString()!, tier);
        await WaitPollIntervalAsync();
        var poll = await RunAsync("poll");
        Assert.True(poll.ExitCode == 0, poll.ToString());
        Assert.Equal("connected", poll.Json.GetProperty("status").GetString());
        return poll;
    }

    /// <summary>
    /// Real-time wait, on purpose: the CLI is a separate process on the system clock and refuses to poll before the
    /// flow's interval (1 s here), so the only way to let the interval pass is to let real time pass.
    /// </summary>
    public static Task WaitPollIntervalAsync(double seconds = 1.05) => Task.Delay(TimeSpan.FromSeconds(seconds), Ct);

    public JsonElement ReadAuthFile()
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(Home.AuthFile));
        return document.RootElement.Clone();
    }

    public IReadOnlyList<JsonElement> ReadPendingFiles()
    {
        if (!Directory.Exists(Home.Path))
        {
            return [];
        }

        return [.. Directory.EnumerateFiles(Home.Path, "pending-*.json").Select(file =>
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(file));
            return document.RootElement.Clone();
        })];
    }

    /// <summary>Scans every stdout and stderr collected so far for every secret seen on disk so far.</summary>
    public void AssertNoSecretsLeaked()
    {
        CollectSecrets();
        Dictionary<string, string> known;
        List<CliRun> all;
        lock (gate)
        {
            known = new Dictionary<string, string>(secrets, StringComparer.Ordinal);
            all = [.. runs];
        }

        Assert.NotEmpty(all);
        foreach (var run in all)
        {
            SecretScan.AssertAbsent(run.Stdout, known);
            SecretScan.AssertAbsent(run.Stderr, known);
        }
    }

    /// <summary>The labels (e.g. "refresh_token #2") of the secrets learned from disk so far.</summary>
    public IReadOnlyCollection<string> SecretLabels
    {
        get
        {
            lock (gate)
            {
                return [.. secrets.Keys];
            }
        }
    }

    public static void AssertNoStackTrace(CliRun run)
    {
        Assert.DoesNotContain("   at ", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", run.Stderr, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("   at ", run.Stdout, StringComparison.Ordinal);
    }

    /// <summary>Stdout is exactly one JSON object (JsonDocument refuses anything after it) and nothing else.</summary>
    public static JsonElement AssertOneJsonObject(CliRun run)
    {
        Assert.False(string.IsNullOrWhiteSpace(run.Stdout), run.ToString());
        var json = run.Json;
        Assert.Equal(JsonValueKind.Object, json.ValueKind);
        return json;
    }

    public async ValueTask DisposeAsync()
    {
        var issued = Control.IssuedSecrets();
        var log = Environment.TryGetValue("XAI_GROK_LOG_FILE", out var file) && File.Exists(file) ? await File.ReadAllTextAsync(file) : "";
        await Emulator.DisposeAsync();
        Home.Dispose();
        SecretScan.AssertAbsent(log, issued);
        SecretScan.AssertAbsent(log, secrets);
    }

    private async Task<CliRun[]> RunProcessesAsync(ProcessStartInfo[] infos)
    {
        var processes = infos.Select(info => Process.Start(info) ?? throw new InvalidOperationException("could not start the CLI")).ToArray();
        try
        {
            var outputs = processes.Select(p => (Out: p.StandardOutput.ReadToEndAsync(Ct), Err: p.StandardError.ReadToEndAsync(Ct))).ToArray();
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(60));
            await Task.WhenAll(processes.Select(p => p.WaitForExitAsync(timeout.Token)));
            var results = new CliRun[processes.Length];
            for (var i = 0; i < processes.Length; i++)
            {
                results[i] = new CliRun(processes[i].ExitCode, await outputs[i].Out, await outputs[i].Err);
                Record(results[i]);
            }

            return results;
        }
        finally
        {
            foreach (var process in processes)
            {
                if (!process.HasExited)
                {
                    process.Kill(entireProcessTree: true);
                }

                process.Dispose();
            }
        }
    }

    /// <summary>Keeps the output of a run the harness did not start (a pseudo-terminal, a worker) for the secret scan, and learns the secrets on disk now.</summary>
    public void Record(CliRun run)
    {
        lock (gate)
        {
            runs.Add(run);
        }

        CollectSecrets();
    }

    private void CollectSecrets()
    {
        var found = new List<(string Label, string Value)>();
        try
        {
            if (File.Exists(Home.AuthFile))
            {
                var auth = ReadAuthFile();
                foreach (var name in new[] { "access_token", "refresh_token", "id_token" })
                {
                    if (auth.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String)
                    {
                        found.Add((name, value.GetString()!));
                    }
                }
            }

            foreach (var flow in ReadPendingFiles())
            {
                if (flow.TryGetProperty("device_code", out var code) && code.ValueKind == JsonValueKind.String)
                {
                    found.Add(("device_code", code.GetString()!));
                }
            }
        }
        catch (JsonException)
        {
            // A test that writes garbage on purpose (corrupt auth.json) has no secrets in it.
        }

        lock (gate)
        {
            foreach (var (label, value) in found)
            {
                if (!secrets.ContainsValue(value))
                {
                    secrets[$"{label} #{secrets.Count + 1}"] = value;
                }
            }
        }
    }
}
