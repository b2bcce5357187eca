using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using XaiGrok.Emulator;
using Xunit;

namespace XaiGrok.Onboarding.Tests.PostgreSql;

/// <summary>
/// The platform's front end for the fleet test: sends every user's calls to the replicas over loopback HTTP (a bounded
/// number at a time, as a load balancer with a connection limit does) and records each call and each answer.
/// </summary>
internal sealed class FleetLoad(IReadOnlyList<HostReplica> replicas, int users) : IDisposable
{
    private const int Concurrency = 16;
    private const string ChatBody = """{"message": "Say hello."}""";
    private static readonly TimeSpan RoundPace = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan PollPace = TimeSpan.FromSeconds(1.05);
    private readonly HttpClient http = new() { Timeout = TimeSpan.FromSeconds(60) };
    private readonly SemaphoreSlim gate = new(Concurrency);
    private readonly ConcurrentQueue<string> answers = new();
    private int round;

    public ConcurrentQueue<FleetCall> Calls { get; } = new();

    /// <summary>Every answer body, for the secret scan.</summary>
    public string Answers => string.Join('\n', answers);

    public static string UserId(int user) => $"user-{user:D3}";

    public static string Subject(int user) => $"xai-account-{user:D3}";

    /// <summary>
    /// connect on one replica, approve at the emulator, poll on the next replica until connected. The emulator refuses a
    /// poll sooner than its 1 s interval (and the host does not send one), so the first polls may still say pending.
    /// </summary>
    public async Task ConnectAsync(int user, XaiEmulator emulator, CancellationToken cancellationToken)
    {
        var (call, started) = await CallAsync("connect", user, user % replicas.Count, HttpMethod.Post, $"users/{UserId(user)}/connect", null, cancellationToken);
        Assert.True(call.Ok, $"connect of {UserId(user)}: {started}");
        emulator.Control.Approve(started.GetProperty("user_code").GetString()!, 5, Subject(user));
        var pendingId = Uri.EscapeDataString(started.GetProperty("pending_id").GetString()!);
        var bound = Stopwatch.StartNew();
        while (true)
        {
            await Task.Delay(PollPace, cancellationToken);
            var (pollCall, polled) = await CallAsync("connect", user, (user + 1) % replicas.Count, HttpMethod.Post, $"users/{UserId(user)}/poll?pending_id={pendingId}", null, cancellationToken);
            Assert.True(pollCall.Ok, $"poll of {UserId(user)}: {polled}");
            if (polled.GetProperty("status").GetString() == "connected")
            {
                return;
            }

            Assert.True(bound.Elapsed < TimeSpan.FromSeconds(60), $"{UserId(user)} did not connect within 60 s: {polled}");
        }
    }

    /// <summary>Whether each replica says the user is connected (null where no answer came).</summary>
    public async Task<bool?[]> ConnectedOnEveryReplicaAsync(int user, CancellationToken cancellationToken)
    {
        var answered = await Task.WhenAll(Enumerable.Range(0, replicas.Count).Select(replica => CallAsync("status", user, replica, HttpMethod.Get, $"users/{UserId(user)}/status", null, cancellationToken)));
        return [.. answered.Select(answer => answer.Call.Ok ? answer.Json.GetProperty("connected").GetBoolean() : (bool?)null)];
    }

    /// <summary>Rounds of one chat per user, each user on another replica each round, a round a second at most, for at least <paramref name="duration"/>.</summary>
    public Task RunAsync(string phase, TimeSpan duration, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        return RunUntilAsync(phase, () => clock.Elapsed >= duration, cancellationToken);
    }

    /// <summary>Rounds as <see cref="RunAsync"/> until <paramref name="done"/> has completed.</summary>
    public Task RunUntilAsync(string phase, Task done, CancellationToken cancellationToken) =>
        RunUntilAsync(phase, () => done.IsCompleted, cancellationToken);

    public void Dispose()
    {
        http.Dispose();
        gate.Dispose();
    }

    private async Task RunUntilAsync(string phase, Func<bool> finished, CancellationToken cancellationToken)
    {
        do
        {
            // Wall-clock pacing: these are real processes with real tokens (the emulator's clock is the system's), so
            // the load is spread in real time; no correctness waits on it.
            var pace = Task.Delay(RoundPace, cancellationToken);
            var shift = Interlocked.Increment(ref round);
            await Task.WhenAll(Enumerable.Range(0, users).Select(user =>
                CallAsync(phase, user, (user + shift) % replicas.Count, HttpMethod.Post, $"users/{UserId(user)}/chat", ChatBody, cancellationToken)));
            await pace;
        }
        while (!finished());
    }

    private async Task<(FleetCall Call, JsonElement Json)> CallAsync(string phase, int user, int replicaIndex, HttpMethod method, string path, string? body, CancellationToken cancellationToken)
    {
        var replica = replicas[replicaIndex];
        await gate.WaitAsync(cancellationToken);
        try
        {
            var address = replica.Address;
            var generation = replica.Generation;
            var watch = Stopwatch.StartNew();
            FleetCall Failed(string error) =>
                new(phase, user, replicaIndex, false, 0, error, watch.Elapsed, address is null || !ReferenceEquals(address, replica.Address) || generation != replica.Generation);
            if (address is null)
            {
                return Record(Failed("connection"), default);
            }

            try
            {
                using var request = new HttpRequestMessage(method, new Uri(address, path));
                if (body is not null)
                {
                    request.Content = new StringContent(body, Encoding.UTF8, "application/json");
                }

                using var response = await http.SendAsync(request, cancellationToken);
                var text = await response.Content.ReadAsStringAsync(cancellationToken);
                watch.Stop();
                answers.Enqueue(text);
                JsonElement json;
                try
                {
                    using var document = JsonDocument.Parse(text);
                    json = document.RootElement.Clone();
                }
                catch (JsonException)
                {
                    return Record(new FleetCall(phase, user, replicaIndex, false, (int)response.StatusCode, "not_json", watch.Elapsed, false), default);
                }

                var ok = response.StatusCode == HttpStatusCode.OK && json.TryGetProperty("ok", out var okField) && okField.ValueKind == JsonValueKind.True;
                var error = json.TryGetProperty("error", out var errorField) && errorField.ValueKind == JsonValueKind.String ? errorField.GetString() : null;
                return Record(new FleetCall(phase, user, replicaIndex, ok, (int)response.StatusCode, error, watch.Elapsed, false), json);
            }
            catch (Exception e) when (e is HttpRequestException or IOException)
            {
                return Record(Failed("connection"), default);
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return Record(Failed("timeout"), default);
            }
        }
        finally
        {
            gate.Release();
        }
    }

    private (FleetCall Call, JsonElement Json) Record(FleetCall call, JsonElement json)
    {
        Calls.Enqueue(call);
        return (call, json);
    }
}
