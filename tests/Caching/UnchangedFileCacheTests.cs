using System.Diagnostics;
using System.Runtime.Versioning;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using XaiGrok.Onboarding.Caching;
using XaiGrok.Onboarding.Storage;
using XaiGrok.Onboarding.Tests.Storage;
using XaiGrok.Onboarding.Tests.Support;
using Xunit;

namespace XaiGrok.Onboarding.Tests.Caching;

/// <summary>
/// The hot-reload cache of state files: a read is served again only while the file provably is the one read, so a
/// long-lived host skips the open, checks and parse on each call without ever serving a replaced file.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class UnchangedFileCacheTests : IDisposable
{
    private readonly TempFolder temp = new();
    private readonly string path;
    private int reads;

    public UnchangedFileCacheTests()
    {
        Assert.True(FileIdentity.IsSupported, "statx is expected on the Linux machines this suite runs on");
        path = temp.Join("auth.json");
    }

    public void Dispose() => temp.Dispose();

    // The kernel stamps files with the real clock; a clock a minute ahead makes every file look settled.
    private static FakeTimeProvider SettledClock() => new(TimeProvider.System.GetUtcNow() + TimeSpan.FromMinutes(1));

    [Fact]
    public void A_settled_file_is_read_once_and_then_served_from_memory()
    {
        AtomicFile.Write(path, "first"u8);
        var cache = new UnchangedFileCache<string>(path, Read, SettledClock());

        Assert.Equal("first", cache.Get());
        Assert.Equal("first", cache.Get());
        Assert.Equal("first", cache.Get());
        Assert.Equal(1, reads);
    }

    [Fact]
    public void A_file_changed_within_the_settle_time_is_read_on_every_call()
    {
        // The racy case: a second change in the same timestamp tick would keep the ctime, so nothing is kept yet.
        AtomicFile.Write(path, "first"u8);
        var cache = new UnchangedFileCache<string>(path, Read, TimeProvider.System);

        Assert.Equal("first", cache.Get());
        File.WriteAllText(path, "other");
        Assert.Equal("other", cache.Get());
        Assert.Equal(2, reads);
    }

    [Fact]
    public void A_file_replaced_by_a_rename_is_read_again()
    {
        AtomicFile.Write(path, "first"u8);
        var cache = new UnchangedFileCache<string>(path, Read, SettledClock());
        Assert.Equal("first", cache.Get());

        // What another process's refresh does: a new file renamed over the old one, same size.
        AtomicFile.Write(path, "other"u8);

        Assert.Equal("other", cache.Get());
        Assert.Equal(2, reads);
    }

    [Fact]
    public void A_same_size_rewrite_in_place_with_the_modification_time_put_back_is_read_again()
    {
        AtomicFile.Write(path, "first"u8);
        var cache = new UnchangedFileCache<string>(path, Read, SettledClock());
        Assert.Equal("first", cache.Get());
        var modified = File.GetLastWriteTimeUtc(path);
        WaitForTheFileClockToPass(FileIdentity.Of(path)!.Value.Changed);

        // Same inode, same size, same mtime: only the ctime, which no program can set, tells the change.
        File.WriteAllText(path, "other");
        File.SetLastWriteTimeUtc(path, modified);

        Assert.Equal("other", cache.Get());
    }

    [Fact]
    public void What_was_read_while_the_file_was_replaced_is_not_served_again()
    {
        AtomicFile.Write(path, "first"u8);
        var replaced = false;
        var cache = new UnchangedFileCache<string>(
            path,
            file =>
            {
                var content = Read(file);
                if (!replaced)
                {
                    replaced = true;
                    AtomicFile.Write(path, "other"u8);
                }

                return content;
            },
            SettledClock());

        Assert.Equal("first", cache.Get());
        Assert.Equal("other", cache.Get());
        Assert.Equal("other", cache.Get());
        Assert.Equal(2, reads);
    }

    [Fact]
    public void A_missing_file_gives_the_absent_value_without_a_read_and_drops_what_was_kept()
    {
        AtomicFile.Write(path, "first"u8);
        var cache = new UnchangedFileCache<string>(path, Read, SettledClock(), absent: () => "none");
        Assert.Equal("first", cache.Get());

        File.Delete(path);

        Assert.Equal("none", cache.Get());
        Assert.Equal(1, reads);
    }

    [Fact]
    public void A_missing_file_is_read_when_no_absent_value_is_given()
    {
        var cache = new UnchangedFileCache<string>(path, file => File.Exists(file) ? Read(file) : "read, not there", SettledClock());

        Assert.Equal("read, not there", cache.Get());
    }

    [Fact]
    public void A_symlink_put_where_a_kept_file_was_is_refused_by_the_next_read()
    {
        AtomicFile.Write(path, "first"u8);
        var cache = new UnchangedFileCache<ReadResult>(path, file => SafeFile.Read(file, 1024), SettledClock());
        Assert.Equal(ReadStatus.Ok, cache.Get().Status);

        var elsewhere = temp.Join("elsewhere.json");
        AtomicFile.Write(elsewhere, "first"u8);
        File.Delete(path);
        File.CreateSymbolicLink(path, elsewhere);

        Assert.NotEqual(ReadStatus.Ok, cache.Get().Status);
    }

    [Fact]
    public void A_kept_file_made_readable_by_others_is_read_again_and_tightened()
    {
        AtomicFile.Write(path, "first"u8);
        var cache = new UnchangedFileCache<ReadResult>(path, file => SafeFile.Read(file, 1024), SettledClock());
        Assert.Equal(ReadStatus.Ok, cache.Get().Status);
        WaitForTheFileClockToPass(FileIdentity.Of(path)!.Value.Changed);

        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        Assert.Equal(ReadStatus.Ok, cache.Get().Status);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
    }

    [Fact]
    public void Forget_drops_the_kept_value()
    {
        AtomicFile.Write(path, "first"u8);
        var cache = new UnchangedFileCache<string>(path, Read, SettledClock());
        cache.Get();

        cache.Forget();
        cache.Get();

        Assert.Equal(2, reads);
    }

    [Fact]
    public void An_identity_is_the_link_itself_not_its_target()
    {
        var target = temp.Join("target.json");
        AtomicFile.Write(target, "first"u8);
        File.CreateSymbolicLink(path, target);

        Assert.NotEqual(FileIdentity.Of(target)!.Value.Inode, FileIdentity.Of(path)!.Value.Inode);
        Assert.True(FileIdentity.Of(temp.Join("none"), out var absent) is null && absent);
    }

    private string Read(string file)
    {
        reads++;
        return Encoding.UTF8.GetString(File.ReadAllBytes(file));
    }

    // File times come from the kernel's coarse clock, which ticks every few milliseconds. A test that needs a change
    // to carry a later ctime than an earlier one waits for that tick by touching a scratch file; it never sleeps.
    private void WaitForTheFileClockToPass(DateTimeOffset changed)
    {
        var scratch = temp.Join("tick");
        var waited = Stopwatch.StartNew();
        do
        {
            File.WriteAllText(scratch, "tick");
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(5), "the file clock did not move in 5 s");
        }
        while (FileIdentity.Of(scratch)!.Value.Changed <= changed);
    }
}
