using Microsoft.Extensions.Time.Testing;
using XaiGrok.Onboarding.Credentials;
using XaiGrok.Onboarding.DeviceGrant;
using XaiGrok.Onboarding.Models;
using XaiGrok.Onboarding.Secrets;
using XaiGrok.Onboarding.Storage;
using XaiGrok.Onboarding.Stores;
using XaiGrok.Onboarding.Tests.Support;
using Xunit;

namespace XaiGrok.Onboarding.Tests.Stores;

/// <summary>
/// What every store must do, run against each one (<see cref="FileStoreContractTests"/>,
/// <see cref="PostgreSql.PostgreSqlStoreContractTests"/>). "Another instance" is what another process or replica sees: the same
/// person's store built afresh, with its own memory (and, for PostgreSQL, its own connection pool).
/// </summary>
public abstract class StoreContractTests : IDisposable
{
    protected static readonly TimeSpan ShortLockTimeout = TimeSpan.FromMilliseconds(500);

    private readonly List<IDisposable> owned = [];

    protected StoreContractTests()
    {
        Home = new TestHome();
        owned.Add(Home);
    }

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected TestHome Home { get; }

    protected FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero));

    /// <summary>A new instance of the one person's stores (as another process or replica would build them).</summary>
    private protected abstract Task<OnboardingStores> OpenAsync();

    private protected StoreContext Context()
    {
        var options = new OnboardingOptions
        {
            Issuer = new Uri("http://127.0.0.1:9/"),
            ClientId = "contract-client",
            ApiBaseUrl = new Uri("http://127.0.0.1:9/v1"),
            Home = Home.Path,
            LockTimeout = ShortLockTimeout,
        };
        Directory.CreateDirectory(Home.Path);
        return new StoreContext(new StatePaths(Home.Path), Clock, options, new SecretRegistry(), FileSystemClock: null);
    }

    protected void Own(IDisposable disposable) => owned.Add(disposable);

    public void Dispose()
    {
        foreach (var disposable in Enumerable.Reverse(owned))
        {
            disposable.Dispose();
        }

        GC.SuppressFinalize(this);
    }

    private Credential Sample(string access, string refresh) => new()
    {
        Source = CredentialSources.OAuth,
        AccessToken = access,
        RefreshToken = refresh,
        ExpiresAt = Clock.GetUtcNow().AddHours(6),
        ObtainedAt = Clock.GetUtcNow(),
        Tier = 5,
        Subject = "contract-subject",
        ClientId = "contract-client",
        TokenEndpoint = "http://127.0.0.1:9/oauth2/token",
    };

    [Fact]
    public async Task Credential_NothingStored_ReadsMissing()
    {
        var stores = await OpenAsync();

        var read = stores.Credentials.Read();

        Assert.Null(read.Credential);
        Assert.Null(read.Problem);
        Assert.False(stores.Credentials.HasQuarantinedCopy);
    }

    [Fact]
    public async Task Credential_WrittenUnderTheLock_IsWhatAnotherInstanceReads()
    {
        var writer = await OpenAsync();
        var written = Sample("access-contract-1", "refresh-contract-1");
        using (await writer.Credentials.LockAsync(Ct))
        {
            writer.Credentials.Write(written);
        }

        var reader = await OpenAsync();
        var read = reader.Credentials.Read().Credential;

        Assert.Equal(written, read);
        Assert.Equal(written, reader.Credentials.ReadRecent().Credential);
        Assert.Equal(written, (await reader.Credentials.ReadOrQuarantineAsync(Ct)).Credential);
    }

    [Fact]
    public async Task Credential_CommittedIntoAReservation_ReplacesTheStoredOne()
    {
        var stores = await OpenAsync();
        using (await stores.Credentials.LockAsync(Ct))
        {
            stores.Credentials.Write(Sample("access-contract-old", "refresh-contract-old"));
        }

        var next = Sample("access-contract-new", "refresh-contract-new");
        using (await stores.Credentials.LockAsync(Ct))
        {
            using var reserved = stores.Credentials.Reserve(stores.Credentials.Read().Credential!);
            reserved.Commit(next);
        }

        Assert.Equal(next, (await OpenAsync()).Credentials.Read().Credential);
    }

    [Fact]
    public async Task Credential_Deleted_IsGoneForAnotherInstance()
    {
        var stores = await OpenAsync();
        using (await stores.Credentials.LockAsync(Ct))
        {
            stores.Credentials.Write(Sample("access-contract-del", "refresh-contract-del"));
            stores.Credentials.Delete();
        }

        Assert.Null((await OpenAsync()).Credentials.Read().Credential);
    }

    [Fact]
    public async Task Lock_HeldByOneInstance_KeepsAnotherOutUntilReleased()
    {
        var first = await OpenAsync();
        var second = await OpenAsync();

        var held = await first.Credentials.LockAsync(Ct);
        await Assert.ThrowsAsync<StorageException>(() => TakeAsync(second));
        held.Dispose();

        using var taken = await second.Credentials.LockAsync(Ct);
        Assert.NotNull(taken);
    }

    [Fact]
    public async Task SignInLock_HeldByOneInstance_KeepsAnotherOutUntilReleased()
    {
        var first = await OpenAsync();
        var second = await OpenAsync();

        var held = await first.PendingFlows.LockAsync(Ct);
        await Assert.ThrowsAsync<StorageException>(() => TakeAsync(() => second.PendingFlows.LockAsync(Ct)));
        held.Dispose();

        using var taken = await second.PendingFlows.LockAsync(Ct);
        Assert.NotNull(taken);
    }

    private protected Task TakeAsync(OnboardingStores stores) => TakeAsync(() => stores.Credentials.LockAsync(Ct));

    /// <summary>The file lock counts its timeout on the clock it is given: the wait has to move it.</summary>
    private protected virtual async Task TakeAsync(Func<Task<IDisposable>> take)
    {
        var taking = take();
        while (!taking.IsCompleted)
        {
            Clock.Advance(TimeSpan.FromMilliseconds(100));
            await Task.WhenAny(taking, Task.Delay(10, Ct));
        }

        (await taking).Dispose();
    }

    [Fact]
    public async Task PendingFlows_SavedOnOneInstance_AreListedNewestFirstLoadedAndRemovedOnAnother()
    {
        var starter = await OpenAsync();
        var older = Flow("p-0000000000000001", Clock.GetUtcNow());
        var newer = Flow("p-0000000000000002", Clock.GetUtcNow().AddSeconds(5));
        starter.PendingFlows.Save(older);
        starter.PendingFlows.Save(newer);

        var poller = await OpenAsync();

        Assert.Equal([newer.PendingId, older.PendingId], poller.PendingFlows.All().Select(flow => flow.PendingId));
        Assert.Equal(older, poller.PendingFlows.Load(older.PendingId));
        Assert.Null(poller.PendingFlows.Load("p-ffffffffffffffff"));
        Assert.Null(poller.PendingFlows.Load("../auth"));
        poller.PendingFlows.Remove(older.PendingId);
        Assert.Equal([newer.PendingId], starter.PendingFlows.All().Select(flow => flow.PendingId));
        Assert.Equal(1, starter.PendingFlows.RemoveAll());
        Assert.Empty(poller.PendingFlows.All());
    }

    [Fact]
    public async Task PendingFlow_SavedAgain_KeepsTheLaterPollTime()
    {
        var stores = await OpenAsync();
        var flow = Flow("p-0000000000000003", Clock.GetUtcNow());
        stores.PendingFlows.Save(flow);
        var slowed = flow with { IntervalSeconds = 10, NextPollAt = Clock.GetUtcNow().AddSeconds(10) };
        stores.PendingFlows.Save(slowed);

        Assert.Equal(slowed, (await OpenAsync()).PendingFlows.Load(flow.PendingId));
    }

    [Fact]
    public async Task CompletedSignIns_RecordedOnOneInstance_AreSeenByAnotherUntilTheyExpireOrAreCleared()
    {
        var redeemer = await OpenAsync();
        var now = Clock.GetUtcNow();
        Assert.False(redeemer.PendingFlows.Completed(null, now));

        using (await redeemer.PendingFlows.LockAsync(Ct))
        {
            Assert.True(redeemer.PendingFlows.RecordCompleted(["p-00000000000000c1", "p-00000000000000c2", "../auth"], now, now.AddMinutes(15)));
        }

        var poller = await OpenAsync();
        Assert.True(poller.PendingFlows.Completed("p-00000000000000c1", now));
        Assert.True(poller.PendingFlows.Completed("p-00000000000000c2", now));
        Assert.True(poller.PendingFlows.Completed(null, now));
        Assert.False(poller.PendingFlows.Completed("p-00000000000000c3", now));
        Assert.False(poller.PendingFlows.Completed("../auth", now));

        // Kept while the flow would have lived (15 minutes here), then forgotten.
        Assert.True(poller.PendingFlows.Completed("p-00000000000000c1", now.AddMinutes(14)));
        Assert.False(poller.PendingFlows.Completed("p-00000000000000c1", now.AddMinutes(15)));
        Assert.False(poller.PendingFlows.Completed(null, now.AddMinutes(15)));

        // At least ten minutes, however short the flow's own life was.
        redeemer.PendingFlows.RecordCompleted(["p-00000000000000c4"], now, now.AddSeconds(1));
        Assert.True(poller.PendingFlows.Completed("p-00000000000000c4", now.AddMinutes(9)));

        using (await poller.PendingFlows.LockAsync(Ct))
        {
            poller.PendingFlows.ClearCompleted();
        }

        Assert.False(redeemer.PendingFlows.Completed(null, now));
    }

    [Fact]
    public async Task CompletedSignIns_ArePerPersonBounded_KeepingTheNewest()
    {
        var stores = await OpenAsync();
        var start = Clock.GetUtcNow();
        var ids = Enumerable.Range(1, CompletedSignIns.MaxEntries + 8).Select(i => $"p-{i:x16}").ToArray();
        for (var i = 0; i < ids.Length; i++)
        {
            stores.PendingFlows.RecordCompleted([ids[i]], start.AddSeconds(i), start.AddMinutes(15));
        }

        var now = start.AddSeconds(ids.Length);
        var other = await OpenAsync();
        var kept = ids.Where(id => other.PendingFlows.Completed(id, now)).ToArray();

        Assert.Equal(ids[^CompletedSignIns.MaxEntries..], kept);
    }

    [Fact]
    public async Task ModelChoice_MadeOnOneInstance_IsSeenByAnother()
    {
        var chooser = await OpenAsync();
        Assert.Null(chooser.ModelChoice.Selected());

        chooser.ModelChoice.Select("grok-4.3");
        chooser.ModelChoice.Select("grok-code-fast-1");

        Assert.Equal("grok-code-fast-1", (await OpenAsync()).ModelChoice.Selected());
    }

    [Fact]
    public async Task ModelCache_StoredOnOneInstance_IsServedByAnotherUntilItExpiresOrIsCleared()
    {
        var fetcher = await OpenAsync();
        fetcher.ModelCache.Store("http://127.0.0.1:9/v1|contract-subject", ["grok-4.3", "grok-imagine-image"]);

        var reader = await OpenAsync();
        var listed = reader.ModelCache.TryGet("http://127.0.0.1:9/v1|contract-subject");
        Assert.NotNull(listed);
        Assert.Contains(listed.Chat, model => model.UpstreamId == "grok-4.3");
        Assert.Null(reader.ModelCache.TryGet("http://127.0.0.1:9/v1|another-account"));

        reader.ModelCache.Clear();
        Assert.Null((await OpenAsync()).ModelCache.TryGet("http://127.0.0.1:9/v1|contract-subject"));

        fetcher.ModelCache.Store("http://127.0.0.1:9/v1|contract-subject", ["grok-4.3"]);
        Clock.Advance(TimeSpan.FromDays(30));
        Assert.Null((await OpenAsync()).ModelCache.TryGet("http://127.0.0.1:9/v1|contract-subject"));
    }

    [Fact]
    public async Task ModelAccess_LearnedOnOneInstance_IsSeenByAnother_ForItsKeyOnly_UntilCleared()
    {
        const string Key = "http://127.0.0.1:9/v1|contract-subject";
        var learner = await OpenAsync();
        Assert.Null(learner.ModelAccess.For(Key).Says("grok-4.20-multi-agent-0309"));

        await learner.ModelAccess.RecordAsync(Key, "grok-4.20-multi-agent-0309", worked: true, Ct);
        await learner.ModelAccess.RecordAsync(Key, "grok-4.3", worked: false, Ct);

        var reader = await OpenAsync();
        Assert.Equal(true, reader.ModelAccess.For(Key).Says("grok-4.20-multi-agent-0309"));
        Assert.Equal(false, reader.ModelAccess.For(Key).Says("grok-4.3"));
        Assert.Same(ModelAccessFacts.None, reader.ModelAccess.For("http://127.0.0.1:9/v1|another-account"));

        // A later call says otherwise: the model moves from one kind to the other.
        await reader.ModelAccess.RecordAsync(Key, "grok-4.3", worked: true, Ct);
        Assert.Equal(true, learner.ModelAccess.For(Key).Says("grok-4.3"));
        Assert.DoesNotContain("grok-4.3", learner.ModelAccess.For(Key).Refused);

        // Another account's lesson replaces this one's (one account at a time, as the model cache).
        await reader.ModelAccess.RecordAsync("http://127.0.0.1:9/v1|another-account", "grok-4.3", worked: false, Ct);
        Assert.Same(ModelAccessFacts.None, learner.ModelAccess.For(Key));
        Assert.Equal(false, learner.ModelAccess.For("http://127.0.0.1:9/v1|another-account").Says("grok-4.3"));

        learner.ModelAccess.Clear();
        Assert.Same(ModelAccessFacts.None, (await OpenAsync()).ModelAccess.For("http://127.0.0.1:9/v1|another-account"));
    }

    [Fact]
    public async Task ModelAccess_IsBounded_KeepingTheNewestModels()
    {
        const string Key = "http://127.0.0.1:9/v1|contract-subject";
        var stores = await OpenAsync();
        var ids = Enumerable.Range(1, ModelAccess.MaxModels + 5).Select(i => $"grok-contract-{i}").ToArray();
        foreach (var id in ids)
        {
            await stores.ModelAccess.RecordAsync(Key, id, worked: false, Ct);
        }

        var refused = (await OpenAsync()).ModelAccess.For(Key).Refused;

        Assert.Equal(ids[^ModelAccess.MaxModels..].Order(StringComparer.Ordinal), refused.Order(StringComparer.Ordinal));
    }

    private PendingFlow Flow(string id, DateTimeOffset createdAt) => new()
    {
        PendingId = id,
        Issuer = "http://127.0.0.1:9/",
        ClientId = "contract-client",
        TokenEndpoint = "http://127.0.0.1:9/oauth2/token",
        DeviceCode = "device-code-contract-" + id,
        UserCode = "ABCD-EFGH",
        VerificationUri = "http://127.0.0.1:9/device",
        VerificationUriComplete = "http://127.0.0.1:9/device?user_code=ABCD-EFGH",
        CreatedAt = DateTimeOffset.FromUnixTimeMilliseconds(createdAt.ToUnixTimeMilliseconds()),
        ExpiresAt = DateTimeOffset.FromUnixTimeMilliseconds(createdAt.AddMinutes(15).ToUnixTimeMilliseconds()),
        IntervalSeconds = 5,
        NextPollAt = DateTimeOffset.FromUnixTimeMilliseconds(createdAt.AddSeconds(5).ToUnixTimeMilliseconds()),
    };
}
