using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Microsoft.Extensions.Caching.Memory;
using XaiGrok.Onboarding.Caching;
using XaiGrok.Onboarding.Models;

namespace XaiGrok.Onboarding.Bench.Caching;

/// <summary>
/// Whether an in-memory layer (<see cref="MemoryCache"/>) in front of the model cache's file layer pays: the file
/// layer alone (a settled file kept by <see cref="UnchangedFileCache{T}"/>: one <c>statx</c> and a key check) against
/// a memory hit first, as <c>ModelCache</c> did with <c>InProcessCache</c>. The last group is the whole call in a host,
/// so the difference reads as a share of the path it serves.
/// </summary>
[Config(typeof(BenchConfig))]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class ModelListMemoryBenchmarks
{
    private CacheHome home = null!;
    private ChatRig rig = null!;
    private ModelCache fileOnly = null!;
    private MemoryCache memory = null!;

    [GlobalSetup]
    public void Setup()
    {
        rig = ChatRig.StartAsync().GetAwaiter().GetResult();
        home = CacheHome.CreateAsync().GetAwaiter().GetResult();
        fileOnly = home.NewModelCache(TimeProvider.System);
        var list = fileOnly.TryGet(home.Key) ?? throw new InvalidOperationException("no model list in the bench state folder.");
        memory = new MemoryCache(new MemoryCacheOptions());
        memory.Set(home.Key, list, list.FetchedAt + CacheHome.Ttl);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        memory.Dispose();
        home.Dispose();
        rig.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    [BenchmarkCategory("1 model list lookup"), Benchmark(Baseline = true, Description = "file layer only (kept: statx + key)")]
    public object? FileLayer() => fileOnly.TryGet(home.Key);

    // What ModelCache.TryGet did first: a memory hit, checked against the TTL, before the file layer.
    [BenchmarkCategory("1 model list lookup"), Benchmark(Description = "memory layer hit in front")]
    public object? MemoryLayer() =>
        memory.TryGetValue(home.Key, out ModelList? held) && held is not null && TimeProvider.System.GetUtcNow() < held.FetchedAt + CacheHome.Ttl
            ? held
            : fileOnly.TryGet(home.Key);

    [BenchmarkCategory("2 whole call in a host"), Benchmark(Baseline = true, Description = "GrokOnboarding.ModelsAsync (cached list)")]
    public Task<SkillResult> Models() => rig.Module.ModelsAsync();

    [BenchmarkCategory("2 whole call in a host"), Benchmark(Description = "GrokOnboarding.StatusAsync")]
    public Task<SkillResult> Status() => rig.Module.StatusAsync();
}
