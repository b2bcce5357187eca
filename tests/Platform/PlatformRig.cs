using Microsoft.Extensions.Time.Testing;
using System.Text.Json;
using XaiGrok.Emulator;
using XaiGrok.Onboarding.Platform;
using XaiGrok.Onboarding.Tests.Support;
using Xunit;

namespace XaiGrok.Onboarding.Tests.Platform;

/// <summary>
/// A <see cref="GrokPlatform"/> and the emulator on one fake clock over real loopback HTTP, with a fresh state root.
/// Everything the platform logged (trace level) is scanned for every issued secret when the rig ends.
/// </summary>
internal sealed class PlatformRig : IAsyncDisposable
{
    private readonly TestHome home;

    private PlatformRig(TestHome home, XaiEmulator emulator, WatchedFakeTimeProvider clock, GrokPlatformOptions options)
    {
        this.home = home;
        Emulator = emulator;
        Clock = clock;
        Options = options;
        Platform = new GrokPlatform(options, clock, Log);
    }

    public XaiEmulator Emulator { get; }

    public WatchedFakeTimeProvider Clock { get; }

    public GrokPlatformOptions Options { get; }

    public GrokPlatform Platform { get; }

    public CapturedLog Log { get; } = new();

    public string Root => home.Path;

    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task<PlatformRig> StartAsync(Func<GrokPlatformOptions, GrokPlatformOptions>? configure = null, EmulatorOptions? emulatorOptions = null)
    {
        var clock = new WatchedFakeTimeProvider(new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero));
        var emulator = await XaiEmulator.StartAsync(new EmulatorOptions
        {
            TimeProvider = clock,
            AccessTokenLifetimeSeconds = emulatorOptions?.AccessTokenLifetimeSeconds ?? 21600,
        }, Ct);
        var home = new TestHome();
        var options = new GrokPlatformOptions
        {
            Issuer = new Uri(emulator.Issuer),
            ClientId = "platform-client",
            ApiBaseUrl = new Uri(emulator.ApiBaseUrl),
            StateRoot = home.Path,
            LockTimeout = TimeSpan.FromSeconds(30),
        };
        return new PlatformRig(home, emulator, clock, configure?.Invoke(options) ?? options);
    }

    /// <summary>Signs <paramref name="userId"/> in: start, approve (as <paramref name="subject"/> when given), poll.</summary>
    public async Task ConnectAsync(string userId, int tier = 5, string? subject = null)
    {
        var user = Platform.ForUser(userId);
        var started = await user.StartAsync(Ct);
        Assert.True(started.Ok, started.ToJson());
        if (subject is null)
        {
            Emulator.Control.Approve((string)started["user_code"]!, tier);
        }
        else
        {
            Emulator.Control.Approve((string)started["user_code"]!, tier, subject);
        }

        Clock.Advance(TimeSpan.FromSeconds((int)started["interval_seconds"]!));
        var polled = await user.PollAsync((string)started["pending_id"]!, Ct);
        Assert.True("connected".Equals(polled["status"]), polled.ToJson());
    }

    /// <summary>The access token stored in the user's folder now.</summary>
    public string AccessTokenOf(string userId)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(Root, PlatformUserId.FolderName(userId), "auth.json")));
        return document.RootElement.GetProperty("access_token").GetString()!;
    }

    /// <summary>Awaits <paramref name="call"/> while moving the fake clock to each short timer (lock retries, back-off).</summary>
    public async Task<T> AdvancingAsync<T>(Task<T> call)
    {
        while (!call.IsCompleted)
        {
            await Task.WhenAny(call, Task.Delay(5, Ct));
            if (Clock.NextTimerIn is { } wait && wait <= TimeSpan.FromSeconds(1))
            {
                Clock.Advance(wait);
            }
        }

        return await call;
    }

    public async ValueTask DisposeAsync()
    {
        Platform.Dispose();
        var issued = Emulator.Control.IssuedSecrets();
        await Emulator.DisposeAsync();
        home.Dispose();
        SecretScan.AssertAbsent(Log.Text, issued);
    }
}
