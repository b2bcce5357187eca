using Microsoft.Extensions.Time.Testing;
using XaiGrok.Onboarding.Credentials;
using XaiGrok.Onboarding.Storage;
using XaiGrok.Onboarding.Tests.Support;
using Xunit;

namespace XaiGrok.Onboarding.Tests.Credentials;

/// <summary>
/// The bearer of each call comes from <see cref="CredentialStore.ReadRecent"/>: a settled auth.json is served from
/// memory, yet another process's refresh, logout or corruption of the file is seen on the very next call.
/// </summary>
public sealed class CredentialStoreRecentReadTests : IDisposable
{
    private readonly TestHome home = new();
    private readonly FakeTimeProvider clock = new();
    private readonly StatePaths paths;
    private readonly CredentialStore host;
    private readonly CredentialStore otherProcess;

    public CredentialStoreRecentReadTests()
    {
        paths = new StatePaths(home.Path);
        StateDirectory.Open(home.Path);

        // File times are the kernel's: a file-system clock a minute ahead makes every file settled, hence kept.
        var settled = new FakeTimeProvider(TimeProvider.System.GetUtcNow() + TimeSpan.FromMinutes(1));
        host = new CredentialStore(paths, clock, TimeSpan.FromSeconds(5), settled);
        otherProcess = new CredentialStore(paths, clock, TimeSpan.FromSeconds(5));
    }

    public void Dispose() => home.Dispose();

    [Fact]
    public void A_settled_file_is_served_from_memory()
    {
        otherProcess.Write(Session("canary-access-0001"));

        var first = host.ReadRecent();

        Assert.Same(first, host.ReadRecent());
        Assert.Equal("canary-access-0001", first.Credential!.AccessToken);
    }

    [Fact]
    public void A_refresh_written_by_another_process_is_used_on_the_next_call()
    {
        otherProcess.Write(Session("canary-access-0001"));
        host.ReadRecent();

        otherProcess.Write(Session("canary-access-0002"));

        Assert.Equal("canary-access-0002", host.ReadRecent().Credential!.AccessToken);
    }

    [Fact]
    public void A_logout_by_another_process_is_seen_on_the_next_call()
    {
        otherProcess.Write(Session("canary-access-0001"));
        host.ReadRecent();

        otherProcess.Delete();

        Assert.Same(CredentialRead.Missing, host.ReadRecent());
    }

    [Fact]
    public void A_file_corrupted_after_it_was_kept_is_reported_not_served()
    {
        otherProcess.Write(Session("canary-access-0001"));
        host.ReadRecent();

        AtomicFile.Write(paths.CredentialFile, "{ not json"u8);

        var read = host.ReadRecent();
        Assert.Null(read.Credential);
        Assert.Equal("auth.json is corrupt.", read.Problem);
    }

    private Credential Session(string accessToken) => new()
    {
        Source = CredentialSources.OAuth,
        AccessToken = accessToken,
        ExpiresAt = clock.GetUtcNow().AddHours(6),
        ObtainedAt = clock.GetUtcNow(),
    };
}
