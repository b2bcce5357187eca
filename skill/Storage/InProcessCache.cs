using Microsoft.Extensions.Caching.Memory;

namespace XaiGrok.Onboarding.Storage;

/// <summary>
/// The process's in-memory cache, created on first use. It holds only discovery documents (the model list has no
/// memory layer: skill/Caching/README.md), until discovery moves to a shared per-issuer cache. A plain class rather
/// than <c>Lazy&lt;MemoryCache&gt;</c>: a generic instantiation over <see cref="MemoryCache"/> loads Microsoft.Extensions.Caching.Memory (and Options,
/// Primitives) when the runtime is built, while a field of that type is only resolved when it is first touched.
/// </summary>
internal sealed class InProcessCache : IDisposable
{
    private readonly Lock gate = new();
    private MemoryCache? cache;

    public MemoryCache Value
    {
        get
        {
            lock (gate)
            {
                return cache ??= new MemoryCache(new MemoryCacheOptions());
            }
        }
    }

    public void Dispose()
    {
        lock (gate)
        {
            cache?.Dispose();
        }
    }
}
