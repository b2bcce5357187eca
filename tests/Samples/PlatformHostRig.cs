using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using XaiGrok.Emulator;
using XaiGrok.Onboarding.Tests.Support;
using Xunit;

namespace XaiGrok.Onboarding.Tests.Samples;

/// <summary>
/// The sample host (samples/PlatformHost, its build output) as a real subprocess on a free loopback port, configured the
/// ASP.NET Core way (<c>Grok__*</c> variables) against an emulator on the system clock, with a fresh state root. Every
/// answer the test read and everything the host printed are scanned, when the rig ends, for every secret the emulator
/// issued and for the canaries the test adds.
/// </summary>
internal sealed class PlatformHostRig : IAsyncDisposable
{
    private readonly Process host;
    private readonly PrintedLines printed;
    private readonly List<string> answers = [];
    private readonly Lock gate = new();
    private readonly TestHome home;
    private readonly bool ownsEmulator;

    private PlatformHostRig(XaiEmulator emulator, bool ownsEmulator, TestHome home, Process host, Uri address, PrintedLines printed)
    {
        Emulator = emulator;
        this.ownsEmulator = ownsEmulator;
        this.printed = printed;
        this.home = home;
        this.host = host;
        Http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) };
    }

    public XaiEmulator Emulator { get; }

    public HttpClient Http { get; }

    public string StateRoot => home.Path;

    /// <summary>Secrets of the test's own (an API key in the host's environment) that must never come out either.</summary>
    public Dictionary<string, string> Canaries { get; } = new(StringComparer.Ordinal);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>
    /// Starts the emulator (1 s poll interval) and the host; <paramref name="environment"/> is added to (and overrides) the
    /// host's <c>Grok__*</c> configuration. A value of null removes the variable. The emulator's access tokens live
    /// <paramref name="accessTokenLifetimeSeconds"/>. With <paramref name="sharedEmulator"/> (another rig's: a second
    /// replica), the host talks to it instead, and the rig that started it stops it.
    /// </summary>
    public static async Task<PlatformHostRig> StartAsync(IReadOnlyDictionary<string, string?>? environment = null, int accessTokenLifetimeSeconds = 21600, XaiEmulator? sharedEmulator = null)
    {
        var emulator = sharedEmulator ?? await XaiEmulator.StartAsync(new EmulatorOptions { PollIntervalSeconds = 1, EnforcePollInterval = true, AccessTokenLifetimeSeconds = accessTokenLifetimeSeconds }, Ct);
        var home = new TestHome();
        var variables = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["Grok__Issuer"] = emulator.Issuer,
            ["Grok__ClientId"] = "platform-host-tests",
            ["Grok__ApiBaseUrl"] = emulator.ApiBaseUrl,
            ["Grok__StateRoot"] = home.Path,
            ["Grok__EarlyRefreshSeconds"] = "300",

            // The module's own log at its most verbose, on the console the rig reads (and scans).
            ["Logging__LogLevel__XaiGrok"] = "Trace",
        };
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            variables[name] = value;
        }

        var set = variables.Where(pair => pair.Value is not null).ToDictionary(pair => pair.Key, pair => pair.Value!, StringComparer.Ordinal);
        var printed = new PrintedLines();
        try
        {
            var (process, address) = await SampleHostProcess.StartAsync(set, home.Parent, printed, "the sample host", Ct);
            return new PlatformHostRig(emulator, sharedEmulator is null, home, process, address, printed);
        }
        catch (InvalidOperationException)
        {
            if (sharedEmulator is null)
            {
                await emulator.DisposeAsync();
            }

            home.Dispose();
            throw;
        }
    }

    /// <summary>Sends a request and reads its JSON answer (every answer of the host is JSON, failures too).</summary>
    public async Task<(HttpStatusCode Status, JsonElement Json)> SendAsync(HttpMethod method, string path, string? jsonBody = null)
    {
        var (status, json, _) = await SendReadingRetryAfterAsync(method, path, jsonBody);
        return (status, json);
    }

    /// <summary>As <see cref="SendAsync"/>, with the answer's <c>Retry-After</c> header (null when it has none).</summary>
    public async Task<(HttpStatusCode Status, JsonElement Json, string? RetryAfter)> SendReadingRetryAfterAsync(HttpMethod method, string path, string? jsonBody = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (jsonBody is not null)
        {
            request.Content = new StringContent(jsonBody, Encoding.UTF8, "application/json");
        }

        using var response = await Http.SendAsync(request, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        lock (gate)
        {
            answers.Add(text);
        }

        Assert.True(response.Content.Headers.ContentType?.MediaType == "application/json", $"{method} {path} answered {(int)response.StatusCode} without JSON: {text}");
        using var document = JsonDocument.Parse(text);
        return (response.StatusCode, document.RootElement.Clone(), response.Headers.RetryAfter?.ToString());
    }

    public Task<(HttpStatusCode Status, JsonElement Json)> GetAsync(string path) => SendAsync(HttpMethod.Get, path);

    public Task<(HttpStatusCode Status, JsonElement Json)> PostAsync(string path, string? jsonBody = null) => SendAsync(HttpMethod.Post, path, jsonBody);

    /// <summary>
    /// connect, approve at the emulator (with <paramref name="tier"/> and <paramref name="subject"/>), then poll until
    /// connected: the emulator refuses a poll before its 1 s interval, so the first polls may still say pending.
    /// </summary>
    public async Task<JsonElement> ConnectAsync(string userPath, int tier, string subject)
    {
        var (status, started) = await PostAsync($"users/{userPath}/connect");
        Assert.True(status == HttpStatusCode.OK, started.ToString());
        Emulator.Control.Approve(started.GetProperty("user_code").GetString()!, tier, subject);
        var bound = Stopwatch.StartNew();
        while (true)
        {
            await Task.Delay(TimeSpan.FromSeconds(1.05), Ct);
            var (pollStatus, polled) = await PostAsync($"users/{userPath}/poll?pending_id={Uri.EscapeDataString(started.GetProperty("pending_id").GetString()!)}");
            Assert.True(pollStatus == HttpStatusCode.OK, polled.ToString());
            if (polled.GetProperty("status").GetString() == "connected")
            {
                return polled;
            }

            Assert.Equal("pending", polled.GetProperty("status").GetString());
            Assert.True(bound.Elapsed < TimeSpan.FromSeconds(60), $"the sign-in did not connect within 60 s: {polled}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        SampleHostProcess.Kill(host);
        host.Dispose();
        var issued = Emulator.Control.IssuedSecrets();
        if (ownsEmulator)
        {
            await Emulator.DisposeAsync();
        }

        home.Dispose();
        string everything;
        lock (gate)
        {
            everything = string.Join('\n', answers) + "\n" + printed.Text;
        }

        SecretScan.AssertAbsent(everything, issued);
        SecretScan.AssertAbsent(everything, Canaries);
    }
}
