using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using XaiGrok.Emulator;
using XaiGrok.Onboarding.Http;
using XaiGrok.Onboarding.Runtime;
using XaiGrok.Onboarding.Tests.Integration;
using Xunit;

namespace XaiGrok.Onboarding.Tests.Reliability;

/// <summary>Server faults on the fake clock: rate limits with an HTTP date, retried 503s, a slow-drip body, cancellation.</summary>
public sealed class FaultTests
{
    [Fact]
    public async Task Models_429WithRetryAfterAsHttpDate_WaitsThatLongOnTheClock_ThenSucceeds()
    {
        await using var rig = await Rig.StartAsync();
        var module = rig.NewModule();
        await rig.ConnectAsync(module);
        rig.Emulator.Control.ResetCounters();
        var before = rig.Clock.GetUtcNow();
        var date = (before + TimeSpan.FromSeconds(7)).ToString("R", CultureInfo.InvariantCulture);
        rig.Emulator.Control.AddFault(new EmulatorFault("/v1/models") { Status = 429, RetryAfter = date });

        var models = await rig.AdvancingAsync(module.ModelsAsync(force: true, Figures.Ct));

        Assert.True(models.Ok, models.ToJson());
        Assert.Equal(2, rig.Emulator.Control.Count("/v1/models"));
        var waited = rig.Clock.GetUtcNow() - before;
        Assert.InRange(waited.TotalSeconds, 6, 8);
        Figures.Report($"429 with Retry-After: {date}: retried after {waited.TotalSeconds:0.0} s of fake time");
    }

    [Fact]
    public async Task Models_429WithAFarHttpDate_IsRateLimited_WithoutWaiting()
    {
        await using var rig = await Rig.StartAsync();
        var module = rig.NewModule();
        await rig.ConnectAsync(module);
        rig.Emulator.Control.ResetCounters();
        var date = (rig.Clock.GetUtcNow() + TimeSpan.FromMinutes(10)).ToString("R", CultureInfo.InvariantCulture);
        rig.Emulator.Control.AddFault(new EmulatorFault("/v1/models") { Status = 429, RetryAfter = date });

        var models = await rig.AdvancingAsync(module.ModelsAsync(force: true, Figures.Ct));

        Assert.Equal("rate_limited", models.Error);
        Assert.InRange(Convert.ToInt32(models["retry_after_seconds"], CultureInfo.InvariantCulture), 590, 601);
        Assert.Equal(1, rig.Emulator.Control.Count("/v1/models"));
    }

    [Fact]
    public async Task Models_503_IsRetriedAtMostThreeTimes()
    {
        await using var rig = await Rig.StartAsync();
        var module = rig.NewModule();
        await rig.ConnectAsync(module);
        rig.Emulator.Control.ResetCounters();
        rig.Emulator.Control.AddFault(new EmulatorFault("/v1/models", Count: 20) { Status = 503 });

        var models = await rig.AdvancingAsync(module.ModelsAsync(force: true, Figures.Ct));

        Assert.Equal("upstream_unavailable", models.Error);
        Assert.Equal(4, rig.Emulator.Control.Count("/v1/models"));
        Figures.Report($"503 on GET /v1/models: {rig.Emulator.Control.Count("/v1/models")} requests (1 + 3 retries), then upstream_unavailable");
    }

    [Fact]
    public async Task Models_SlowDripBody_GivesNetworkError_WithoutHanging()
    {
        await using var rig = await Rig.StartAsync();
        await rig.ConnectAsync(rig.NewModule());
        using var drip = new DripServer();
        var limits = new HttpLimits { AttemptTimeout = TimeSpan.FromSeconds(2), TotalTimeout = TimeSpan.FromSeconds(5) };
        using var module = new GrokOnboarding(new OnboardingRuntime(rig.Options with { ApiBaseUrl = drip.BaseUrl }, rig.Clock, limits));
        var wall = Stopwatch.StartNew();

        // Fake time runs ~5x faster than real time here, so the 2 s attempt timeout ends each dripping answer.
        var call = module.ModelsAsync(force: true, Figures.Ct);
        while (!call.IsCompleted && wall.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.WhenAny(call, Task.Delay(20, Figures.Ct));
            rig.Clock.Advance(TimeSpan.FromMilliseconds(100));
        }

        Assert.True(call.IsCompleted, "the call hung on a slow-drip body");
        var models = await call;
        Assert.Equal("network_error", models.Error);
        Assert.True(drip.Connections >= 1);
        Figures.Report($"slow-drip body (1 byte / 100 ms real): network_error after {wall.Elapsed.TotalSeconds:0.0} s real, {drip.Connections} attempt(s)");
    }

    [Fact]
    public async Task Models_DelayedAnswerLongerThanTheAttemptTimeout_GivesNetworkError_WithoutHanging()
    {
        await using var rig = await Rig.StartAsync();
        await rig.ConnectAsync(rig.NewModule());
        var limits = new HttpLimits { AttemptTimeout = TimeSpan.FromSeconds(2), TotalTimeout = TimeSpan.FromSeconds(20) };
        using var module = new GrokOnboarding(new OnboardingRuntime(rig.Options, rig.Clock, limits));
        rig.Emulator.Control.ResetCounters();
        rig.Emulator.Control.AddFault(new EmulatorFault("/v1/models", Count: 10) { DelayMilliseconds = 5000 });
        var wall = Stopwatch.StartNew();

        var models = await rig.AdvancingAsync(module.ModelsAsync(force: true, Figures.Ct));

        Assert.Equal("network_error", models.Error);
        Assert.True(wall.Elapsed < TimeSpan.FromSeconds(10), $"took {wall.Elapsed}");
    }

    [Fact]
    public async Task Refresh_CancelledWhileTheRequestIsInFlight_StillStoresTheAnswer_AndTheSessionStaysUsable()
    {
        await using var rig = await Rig.StartAsync();
        var module = rig.NewModule();
        await rig.ConnectAsync(module);
        var authFile = Path.Combine(rig.Home, "auth.json");
        var before = File.ReadAllBytes(authFile);
        rig.Emulator.Control.AddFault(new EmulatorFault("/oauth2/token") { DelayMilliseconds = 3000 });
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Figures.Ct);

        var refresh = module.RefreshAsync(cancel.Token);
        var wall = Stopwatch.StartNew();
        while (rig.Emulator.Control.Count("grant:refresh_token") == 0 && wall.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(5, Figures.Ct);
        }

        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => refresh);

        // The request was sent, so it runs to its end: the next caller waits for the answer to be stored and adopts it.
        var after = await module.RefreshAsync(Figures.Ct);
        Assert.True(after.Ok, after.ToJson());
        Assert.NotEqual(before, File.ReadAllBytes(authFile));
        using (JsonDocument.Parse(File.ReadAllBytes(authFile)))
        {
        }

        Assert.Empty(Figures.AuthTemps(rig.Home));
        Assert.Equal(1, rig.Emulator.Control.Count("grant:refresh_token"));
        Assert.Equal(0, rig.Emulator.Control.RefreshTokenReuseCount);
    }

    /// <summary>An HTTP server that sends a 200 header, then the body one byte every 100 ms of real time.</summary>
    private sealed class DripServer : IDisposable
    {
        private readonly TcpListener listener = new(IPAddress.Loopback, 0);
        private readonly CancellationTokenSource stop = new();
        private int connections;

        public DripServer()
        {
            listener.Start();
            _ = Task.Run(AcceptAsync);
        }

        public Uri BaseUrl => new($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/v1");

        public int Connections => Volatile.Read(ref connections);

        public void Dispose()
        {
            stop.Cancel();
            listener.Dispose();
            stop.Dispose();
        }

        private async Task AcceptAsync()
        {
            try
            {
                while (!stop.IsCancellationRequested)
                {
                    var client = await listener.AcceptTcpClientAsync(stop.Token);
                    Interlocked.Increment(ref connections);
                    _ = Task.Run(() => DripAsync(client));
                }
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
            }
        }

        private async Task DripAsync(TcpClient client)
        {
            using var owned = client;
            try
            {
                var stream = client.GetStream();
                var buffer = new byte[8192];
                _ = await stream.ReadAsync(buffer, stop.Token);
                var body = "{\"object\":\"list\",\"data\":[" + string.Concat(Enumerable.Repeat("{\"id\":\"grok-4.3\",\"object\":\"model\"},", 50)) + "{\"id\":\"grok-4\"}]}";
                await stream.WriteAsync(Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {body.Length}\r\n\r\n"), stop.Token);
                foreach (var b in Encoding.ASCII.GetBytes(body))
                {
                    await stream.WriteAsync(new[] { b }, stop.Token);
                    await Task.Delay(100, stop.Token);
                }
            }
            catch (Exception e) when (e is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
            {
            }
        }
    }
}
