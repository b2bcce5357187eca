using XaiGrok.Onboarding.Caching;
using XaiGrok.Onboarding.Credentials;
using XaiGrok.Onboarding.Models;
using XaiGrok.Onboarding.Storage;

namespace XaiGrok.Onboarding.Bench.Caching;

/// <summary>
/// A state folder as a signed-in host leaves it: auth.json (a JWT-sized session), models-cache.json (a list of xAI's
/// size) and models-access.json, all settled (written more than <see cref="UnchangedFileCache{T}.SettleTime"/> ago),
/// as they are for a host that signed in once and serves calls for hours.
/// </summary>
internal sealed class CacheHome : IDisposable
{
    public static readonly TimeSpan Ttl = TimeSpan.FromMinutes(10);

    private CacheHome(string folder)
    {
        Folder = folder;
        Paths = new StatePaths(folder);
    }

    public string Folder { get; }

    public StatePaths Paths { get; }

    public string Key { get; } = ModelCache.KeyFor(new Uri("https://api.x.ai/v1"), "user-1234");

    /// <summary>A file-system clock long before any file was written: nothing looks settled, so every call reads.</summary>
    public static TimeProvider NeverSettled { get; } = new FixedClock(DateTimeOffset.UnixEpoch);

    public static async Task<CacheHome> CreateAsync()
    {
        var home = new CacheHome(Path.Combine(Path.GetTempPath(), "xai-grok-bench-cache-" + Guid.NewGuid().ToString("N")));
        StateDirectory.Open(home.Folder);
        var now = TimeProvider.System.GetUtcNow();
        new CredentialStore(home.Paths, TimeProvider.System, TimeSpan.FromSeconds(30)).Write(new Credential
        {
            Source = CredentialSources.OAuth,
            AccessToken = Jwt.AccessToken(4),
            RefreshToken = "bench-refresh-" + new string('r', 64),
            IdToken = Jwt.AccessToken(4),
            ExpiresAt = now.AddHours(6),
            ObtainedAt = now,
            Tier = 4,
            Subject = "user-1234",
            Email = "someone@example.com",
            Issuer = "https://auth.x.ai",
            ClientId = "bench-client",
        });
        string[] ids = ["grok-4.3", "grok-4.3-mini", "grok-4.20-multi-agent-0309", "grok-4-fast-reasoning", "grok-4-fast-non-reasoning",
            "grok-code-fast-1", "grok-3", "grok-3-mini", "grok-2-vision-1212", "grok-imagine-image", "grok-imagine-video", "grok-build-0.1"];
        home.NewModelCache(TimeProvider.System).Store(home.Key, ids);
        var access = new ModelAccess(home.Paths, TimeProvider.System, TimeSpan.FromSeconds(30));
        await access.RecordAsync(home.Key, "grok-4.3", worked: true, CancellationToken.None);
        await access.RecordAsync(home.Key, "grok-3", worked: false, CancellationToken.None);

        await Task.Delay(UnchangedFileCache<object>.SettleTime + TimeSpan.FromSeconds(1));
        return home;
    }

    /// <summary>The model cache as the runtime builds it, reading the file through <paramref name="fileSystemClock"/>.</summary>
    public ModelCache NewModelCache(TimeProvider fileSystemClock) => new(Paths, TimeProvider.System, Ttl, fileSystemClock);

    public void Dispose()
    {
        if (Directory.Exists(Folder))
        {
            Directory.Delete(Folder, recursive: true);
        }
    }
}
