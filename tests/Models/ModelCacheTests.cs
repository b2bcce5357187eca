using Microsoft.Extensions.Time.Testing;
using XaiGrok.Onboarding.Models;
using XaiGrok.Onboarding.Storage;
using XaiGrok.Onboarding.Tests.Support;
using Xunit;

namespace XaiGrok.Onboarding.Tests.Models;

/// <summary>The file cache as another process leaves it: read once, kept while the file provably has not changed, never served stale.</summary>
public sealed class ModelCacheTests : IDisposable
{
    private const string Key = "https://api.x.ai/v1|account-1";
    private static readonly TimeSpan Ttl = TimeSpan.FromSeconds(600);
    private readonly TestHome home = new();
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero));
    private readonly StatePaths paths;

    public ModelCacheTests()
    {
        paths = new StatePaths(home.Path);
        StateDirectory.Open(home.Path);
    }

    [Fact]
    public void FileWrittenByAnotherProcess_IsServed_AndItsRewriteIsSeen()
    {
        new ModelCache(paths, clock, Ttl).Store(Key, ["grok-4.3"]);

        // File times are the kernel's: a file-system clock a minute ahead makes the file settled, hence kept.
        var reader = new ModelCache(paths, clock, Ttl, new FakeTimeProvider(TimeProvider.System.GetUtcNow() + TimeSpan.FromMinutes(1)));

        var first = reader.TryGet(Key);
        var again = reader.TryGet(Key);
        clock.Advance(TimeSpan.FromSeconds(1));
        new ModelCache(paths, clock, Ttl).Store(Key, ["grok-4.3", "grok-build-0.1"]);
        var rewritten = reader.TryGet(Key);

        Assert.DoesNotContain(first!.Chat, model => model.UpstreamId == "grok-build-0.1");
        Assert.NotSame(first, rewritten);
        Assert.Same(first, again);
        Assert.Contains(rewritten!.Chat, model => model.UpstreamId == "grok-build-0.1");
    }

    [Fact]
    public void FileWrittenJustNow_IsReadOnEveryCall()
    {
        new ModelCache(paths, clock, Ttl).Store(Key, ["grok-4.3"]);
        var reader = new ModelCache(paths, clock, Ttl);

        // With the real file-system clock the file is seconds old: within the settle time nothing is kept.
        Assert.NotSame(reader.TryGet(Key), reader.TryGet(Key));
    }

    [Fact]
    public void RememberedList_ExpiresWithItsTtl_AndBelongsToItsAccount()
    {
        new ModelCache(paths, clock, Ttl).Store(Key, ["grok-4.3"]);
        var reader = new ModelCache(paths, clock, Ttl);

        Assert.NotNull(reader.TryGet(Key));
        Assert.Null(reader.TryGet("https://api.x.ai/v1|account-2"));
        clock.Advance(Ttl);
        Assert.Null(reader.TryGet(Key));
    }

    [Fact]
    public void ListFetchedByAnotherProcess_IsSeenOnTheNextCall_ByAHostThatStoredOneItself()
    {
        // A long-lived host fetched and stored the list; then `models --force` in another process fetched a newer one.
        // (The clock is today's: what a host keeps in memory must not look expired for a reason of its own.)
        var today = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        var host = new ModelCache(paths, today, Ttl, Settled());
        host.Store(Key, ["grok-4.3"]);
        Assert.NotNull(host.TryGet(Key));

        today.Advance(TimeSpan.FromSeconds(1));
        new ModelCache(paths, today, Ttl).Store(Key, ["grok-4.3", "grok-build-0.1"]);

        Assert.Contains(host.TryGet(Key)!.Chat, model => model.UpstreamId == "grok-build-0.1");
    }

    [Fact]
    public void ListClearedByAnotherProcesssLogout_IsNotServedOnTheNextCall()
    {
        var today = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        var host = new ModelCache(paths, today, Ttl, Settled());
        host.Store(Key, ["grok-4.3"]);
        Assert.NotNull(host.TryGet(Key));

        new ModelCache(paths, today, Ttl).Clear();

        Assert.Null(host.TryGet(Key));
    }

    // File times are the kernel's: a file-system clock a minute ahead makes every file settled, hence kept.
    private static FakeTimeProvider Settled() => new(TimeProvider.System.GetUtcNow() + TimeSpan.FromMinutes(1));

    public void Dispose() => home.Dispose();
}
