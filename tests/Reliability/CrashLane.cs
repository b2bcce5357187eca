using System.Text.Json;
using XaiGrok.Onboarding.Credentials;
using XaiGrok.Onboarding.Reliability.Worker;
using XaiGrok.Onboarding.Storage;
using XaiGrok.Onboarding.Tests.Support;
using Xunit;

namespace XaiGrok.Onboarding.Tests.Reliability;

/// <summary>
/// One state folder in which the crash writer is started and killed with SIGKILL, again and again. After each kill:
/// auth.json is whole and holds the sequence number that was durable or the one being written (read from the
/// worker's progress mark), and the temp files are what that moment allows; the next run's first write removes them.
/// </summary>
internal sealed class CrashLane : IDisposable
{
    private const string ForEver = "1000000000";
    private static readonly IReadOnlyDictionary<string, string> NoEnvironment = new Dictionary<string, string>();

    private readonly TestHome home = new();
    private readonly string progressFile;
    private readonly Random random;
    private readonly CredentialStore reader;
    private string[] leftovers = [];

    public CrashLane(int seed)
    {
        random = new Random(seed);
        progressFile = Path.Combine(home.Parent, "progress");
        File.WriteAllBytes(progressFile, new byte[sizeof(long)]);
        reader = new CredentialStore(new StatePaths(home.Path), TimeProvider.System, TimeSpan.FromSeconds(5));
    }

    /// <summary>Kill points, by what the worker and the folder showed at the moment of the kill.</summary>
    public Dictionary<string, int> Points { get; } = new(StringComparer.Ordinal);

    public int Kills { get; private set; }

    /// <summary>Kills that left a temp file; each was gone after the next run's first write.</summary>
    public int TempsLeft { get; private set; }

    public long LastSequence { get; private set; }

    /// <summary>Time from starting the worker to its first write done ("ready"), summed over the runs.</summary>
    public TimeSpan StartupTotal { get; private set; }

    /// <summary>One run, killed at a random moment of its write loop; then the checks.</summary>
    public async Task KillOnceAsync()
    {
        var started = TimeProvider.System.GetTimestamp();
        var (worker, stderr) = WorkerProcess.StartDraining(NoEnvironment, WorkerProtocol.WriteVerb, home.Path, progressFile, ForEver);
        using (worker)
        {
            try
            {
                var ready = await WorkerProcess.ReadLineAsync(worker);
                StartupTotal += TimeProvider.System.GetElapsedTime(started);
                if (ready?.StartsWith(WorkerProtocol.Ready, StringComparison.Ordinal) != true)
                {
                    await worker.WaitForExitAsync(Figures.Ct);
                    Assert.Fail($"the worker said '{ready}': {await stderr}");
                }

                Assert.All(leftovers, temp => Assert.False(File.Exists(temp), $"{Path.GetFileName(temp)} survived the next run's first write"));

                // Real time on purpose: a random moment (0-20 ms, a few write cycles) of a real process's loop.
                await Task.Delay(random.Next(0, 21), Figures.Ct);
            }
            finally
            {
                worker.Kill(); // SIGKILL
                await worker.WaitForExitAsync(Figures.Ct);
            }

            await stderr;
        }

        Kills++;
        var (sequence, phase) = WorkerProtocol.Decode(BitConverter.ToInt64(File.ReadAllBytes(progressFile)));
        var point = CheckAfterKill(sequence, phase);
        Points[point] = Points.GetValueOrDefault(point) + 1;
        leftovers = Figures.AuthTemps(home.Path);
        TempsLeft += leftovers.Length > 0 ? 1 : 0;
    }

    /// <summary>A run that is not killed: one more write, then a clean exit, and no temp file left anywhere.</summary>
    public async Task FinishAsync()
    {
        var (worker, stderr) = WorkerProcess.StartDraining(NoEnvironment, WorkerProtocol.WriteVerb, home.Path, progressFile, "1");
        using (worker)
        {
            var stdout = await worker.StandardOutput.ReadToEndAsync(Figures.Ct);
            await worker.WaitForExitAsync(Figures.Ct);
            Assert.True(worker.ExitCode == 0, $"exit {worker.ExitCode}: {stdout} {await stderr}");
        }

        Assert.Equal(LastSequence + 1, SequenceOnDisk());
        Assert.Empty(Figures.AuthTemps(home.Path));
    }

    public void Dispose() => home.Dispose();

    /// <summary>Asserts what must hold after a kill at (sequence, phase) and names the kill point.</summary>
    private string CheckAfterKill(long sequence, WritePhase phase)
    {
        var onDisk = SequenceOnDisk();
        var temps = Figures.AuthTemps(home.Path);
        var at = $"killed at sequence {sequence}, {phase}: auth.json holds {onDisk}, {temps.Length} temp file(s)";
        string point;
        switch (phase)
        {
            case WritePhase.Locking:
                Assert.True(onDisk == sequence - 1 && temps.Length == 0, at);
                point = "taking the lock";
                break;
            case WritePhase.Written or WritePhase.Released:
                Assert.True(onDisk == sequence && temps.Length == 0, at);
                point = "after the write returned";
                break;
            case WritePhase.Writing when onDisk == sequence:
                Assert.True(temps.Length == 0, at);
                point = "renamed, flushing the folder";
                break;
            case WritePhase.Writing:
                Assert.True(onDisk == sequence - 1 && temps.Length <= 1, at);
                point = temps.Length == 0 ? "before the temp file (clean-up, serialise)" : TempPoint(temps[0], sequence);
                break;
            default:
                Assert.Fail(at);
                return "";
        }

        LastSequence = onDisk;
        return point;
    }

    /// <summary>auth.json parses as JSON and as a credential, and both tokens carry the same sequence number.</summary>
    private long SequenceOnDisk()
    {
        using (var document = JsonDocument.Parse(File.ReadAllBytes(home.AuthFile)))
        {
            Assert.Equal(JsonValueKind.Object, document.RootElement.ValueKind);
        }

        var credential = reader.Read().Credential;
        Assert.NotNull(credential);
        var access = WorkerProtocol.SequenceOf(credential.AccessToken);
        Assert.NotNull(access);
        Assert.Equal(access, WorkerProtocol.SequenceOf(credential.RefreshToken));
        return access.Value;
    }

    private static string TempPoint(string temp, long sequence)
    {
        var content = File.ReadAllBytes(temp);
        if (content.Length == 0)
        {
            return "temp file created, empty";
        }

        try
        {
            using var document = JsonDocument.Parse(content);
            var access = document.RootElement.GetProperty("access_token").GetString();
            Assert.Equal(sequence, WorkerProtocol.SequenceOf(access));
            return "temp file whole, not renamed yet (flush to disk)";
        }
        catch (JsonException)
        {
            return "temp file partly written";
        }
    }
}
