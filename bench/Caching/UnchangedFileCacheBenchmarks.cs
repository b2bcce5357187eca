using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using XaiGrok.Onboarding.Caching;
using XaiGrok.Onboarding.Credentials;
using XaiGrok.Onboarding.Models;
using XaiGrok.Onboarding.Storage;

namespace XaiGrok.Onboarding.Bench.Caching;

/// <summary>
/// What <see cref="UnchangedFileCache{T}"/> saves on each state file a host touches per call, side by side: the read it
/// replaces (baseline) against the kept value (one <c>statx</c>). The last group is the whole call in a host (status and
/// chat against the emulator), so a saving reads as a share of the path it serves.
/// </summary>
[Config(typeof(BenchConfig))]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class UnchangedFileCacheBenchmarks
{
    private CacheHome home = null!;
    private ChatRig rig = null!;
    private UnchangedFileCache<StateDirectory> folder = null!;
    private CredentialStore store = null!;
    private ModelCache modelsRead = null!;
    private ModelCache modelsKept = null!;
    private ModelAccess accessRead = null!;
    private ModelAccess accessKept = null!;
    private UnchangedFileCache<ReadResult?> config = null!;
    private string configPath = null!;

    [GlobalSetup]
    public void Setup()
    {
        rig = ChatRig.StartAsync().GetAwaiter().GetResult();
        home = CacheHome.CreateAsync().GetAwaiter().GetResult();
        folder = new UnchangedFileCache<StateDirectory>(home.Folder, StateDirectory.Open, TimeProvider.System);
        store = new CredentialStore(home.Paths, TimeProvider.System, TimeSpan.FromSeconds(30));
        modelsRead = home.NewModelCache(CacheHome.NeverSettled);
        modelsKept = home.NewModelCache(TimeProvider.System);
        accessRead = new ModelAccess(home.Paths, TimeProvider.System, TimeSpan.FromSeconds(30), CacheHome.NeverSettled);
        accessKept = new ModelAccess(home.Paths, TimeProvider.System, TimeSpan.FromSeconds(30), TimeProvider.System);
        configPath = home.Paths.ConfigFile;
        config = new UnchangedFileCache<ReadResult?>(configPath, path => SafeFile.Read(path, 256 * 1024), TimeProvider.System, absent: () => null);
        if (modelsKept.TryGet(home.Key) is null || store.ReadRecent().Credential is null || File.Exists(configPath))
        {
            throw new InvalidOperationException("the bench state folder is not as expected.");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        home.Dispose();
        rig.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    [BenchmarkCategory("1 EnsureHome"), Benchmark(Baseline = true, Description = "StateDirectory.Open (every call)")]
    public object? HomeChecked() => StateDirectory.Open(home.Folder);

    [BenchmarkCategory("1 EnsureHome"), Benchmark(Description = "UnchangedFileCache (kept)")]
    public object? HomeKept() => folder.Get();

    [BenchmarkCategory("2 auth.json"), Benchmark(Baseline = true, Description = "CredentialStore.Read (every call)")]
    public object? CredentialRead() => store.Read();

    [BenchmarkCategory("2 auth.json"), Benchmark(Description = "CredentialStore.ReadRecent (kept)")]
    public object? CredentialKept() => store.ReadRecent();

    [BenchmarkCategory("3 models-cache.json"), Benchmark(Baseline = true, Description = "ModelCache.TryGet, file read (every call)")]
    public object? ModelsRead() => modelsRead.TryGet(home.Key);

    [BenchmarkCategory("3 models-cache.json"), Benchmark(Description = "ModelCache.TryGet, file kept")]
    public object? ModelsKept() => modelsKept.TryGet(home.Key);

    [BenchmarkCategory("4 models-access.json"), Benchmark(Baseline = true, Description = "ModelAccess.For, file read (every call)")]
    public object? AccessRead() => accessRead.For(home.Key);

    [BenchmarkCategory("4 models-access.json"), Benchmark(Description = "ModelAccess.For, file kept")]
    public object? AccessKept() => accessKept.For(home.Key);

    [BenchmarkCategory("5 config.json absent"), Benchmark(Baseline = true, Description = "SafeFile.Read (every call)")]
    public object? ConfigRead() => SafeFile.Read(configPath, 256 * 1024);

    [BenchmarkCategory("5 config.json absent"), Benchmark(Description = "UnchangedFileCache (statx: absent)")]
    public object? ConfigKept() => config.Get();

    [BenchmarkCategory("6 whole call in a host"), Benchmark(Baseline = true, Description = "GrokOnboarding.StatusAsync")]
    public Task<SkillResult> Status() => rig.Module.StatusAsync();

    [BenchmarkCategory("6 whole call in a host"), Benchmark(Description = "GrokOnboarding.ChatAsync (emulator)")]
    public Task<SkillResult> Chat() => rig.ModuleChatAsync();
}
