using System.Text.Json;
using XaiGrok.Emulator;
using XaiGrok.Onboarding.Runtime;
using XaiGrok.Onboarding.Tests.Support;
using Xunit;

namespace XaiGrok.Onboarding.Tests.Integration;

/// <summary>
/// The module and the emulator on one fake clock, over real loopback HTTP, with a fresh state folder. Each
/// <see cref="NewModule"/> is like another process: same files, its own memory.
/// </summary>
internal sealed class Rig : IAsyncDisposable
{
    private readonly TestHome home;
    private readonly List<GrokOnboarding> modules = [];

    private Rig(TestHome home, XaiEmulator emulator, WatchedFakeTimeProvider clock, OnboardingOptions options)
    {
        this.home = home;
        Emulator = emulator;
        Clock = clock;
        Options = options;
    }

    public XaiEmulator Emulator { get; }

    public WatchedFakeTimeProvider Clock { get; }

    public OnboardingOptions Options { get; }

    public string Home => Options.Home;

    /// <summary>Everything the modules logged, at trace level; scanned for every issued secret when the rig ends.</summary>
    public CapturedLog Log { get; } = new();

    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task<Rig> StartAsync(EmulatorOptions? emulatorOptions = null, Func<OnboardingOptions, OnboardingOptions>? configure = null)
    {
        var clock = new WatchedFakeTimeProvider(new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero));
        var emulator = await XaiEmulator.StartAsync((emulatorOptions ?? new EmulatorOptions()) is var o ? new EmulatorOptions
        {
            TimeProvider = clock,
            DeviceCodeLifetimeSeconds = o.DeviceCodeLifetimeSeconds,
            PollIntervalSeconds = o.PollIntervalSeconds,
            OmitInterval = o.OmitInterval,
            OmitAuthorizationResponseIss = o.OmitAuthorizationResponseIss,
            AccessTokenLifetimeSeconds = o.AccessTokenLifetimeSeconds,
            EnforcePollInterval = o.EnforcePollInterval,
            ExpiredTokenAs403 = o.ExpiredTokenAs403,
            MultiAgentForEveryTier = o.MultiAgentForEveryTier,
            ApiKeys = o.ApiKeys,
            VideoPendingPolls = o.VideoPendingPolls,
            VideoRenderSeconds = o.VideoRenderSeconds,
            VideoRetryAfterSeconds = o.VideoRetryAfterSeconds,
        } : null, Ct);
        var rigHome = new TestHome();
        var options = new OnboardingOptions
        {
            Issuer = new Uri(emulator.Issuer),
            ClientId = "test-client",
            ApiBaseUrl = new Uri(emulator.ApiBaseUrl),
            Home = rigHome.Path,
            LockTimeout = TimeSpan.FromSeconds(30),
        };
        return new Rig(rigHome, emulator, clock, configure?.Invoke(options) ?? options);
    }

    public GrokOnboarding NewModule(OnboardingOptions? options = null, Func<string, string?>? environment = null)
    {
        var module = new GrokOnboarding(new OnboardingRuntime(options ?? Options, Clock, environment: environment ?? (_ => null), loggerFactory: Log));
        modules.Add(module);
        return module;
    }

    internal OnboardingRuntime NewRuntime() => new(Options, Clock, environment: _ => null, loggerFactory: Log);

    /// <summary>Runs start, approves with <paramref name="tier"/>, moves the clock past the interval and polls.</summary>
    public async Task<SkillResult> ConnectAsync(GrokOnboarding module, int tier = 5)
    {
        var started = await module.StartAsync(Ct);
        Assert.True(started.Ok, started.ToJson());
        Emulator.Control.Approve((string)started["user_code"]!, tier);
        Clock.Advance(TimeSpan.FromSeconds((int)started["interval_seconds"]!));
        var polled = await module.PollAsync(cancellationToken: Ct);
        Assert.Equal("connected", polled["status"]);
        return polled;
    }

    /// <summary>The secrets now on disk (tokens, device codes), by label, for <see cref="SecretScan"/>.</summary>
    public Dictionary<string, string> SecretsOnDisk()
    {
        var secrets = new Dictionary<string, string>();
        if (!Directory.Exists(Home))
        {
            return secrets;
        }

        foreach (var file in Directory.EnumerateFiles(Home, "*.json*"))
        {
            try
            {
                using var document = JsonDocument.Parse(File.ReadAllBytes(file));
                foreach (var name in new[] { "access_token", "refresh_token", "id_token", "device_code" })
                {
                    if (document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String)
                    {
                        secrets[$"{name} in {Path.GetFileName(file)}"] = value.GetString()!;
                    }
                }
            }
            catch (JsonException)
            {
            }
        }

        return secrets;
    }

    /// <summary>
    /// Awaits <paramref name="call"/> while jumping the fake clock to each timer due within <see cref="ShortWait"/>
    /// (polling intervals, retry back-off). Longer timers, such as the HTTP attempt and total timeouts, never fire:
    /// real time passes only as the loopback HTTP calls take it.
    /// </summary>
    public async Task<T> AdvancingAsync<T>(Task<T> call)
    {
        while (!call.IsCompleted)
        {
            // Paced by real time on purpose, not by an event: a waiter for another instance's lock polls flock (which
            // cannot notify) on this clock, so stepping at once whenever a timer is armed makes the fake clock outrun the
            // holder's real loopback call and fire its HTTP timeout (tried: ModelListTests failed). 5 ms real per step
            // keeps fake time within reach of real time.
            await Task.WhenAny(call, Task.Delay(5, Ct));
            StepToShortTimer();
        }

        return await call;
    }

    public static readonly TimeSpan ShortWait = TimeSpan.FromSeconds(25);

    /// <summary>Moves the clock to the soonest timer if it is a short wait; true when it moved.</summary>
    public bool StepToShortTimer()
    {
        if (Clock.NextTimerIn is { } wait && wait <= ShortWait)
        {
            Clock.Advance(wait);
            return true;
        }

        return false;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var module in modules)
        {
            module.Dispose();
        }

        var issued = Emulator.Control.IssuedSecrets();
        await Emulator.DisposeAsync();
        home.Dispose();
        SecretScan.AssertAbsent(Log.Text, issued);
    }
}
