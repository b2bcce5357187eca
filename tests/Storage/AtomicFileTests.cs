using System.Runtime.Versioning;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using XaiGrok.Onboarding.Storage;
using Xunit;

namespace XaiGrok.Onboarding.Tests.Storage;

[SupportedOSPlatform("linux")]
public sealed class AtomicFileTests : IDisposable
{
    private const UnixFileMode Mode0600 = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode Mode0644 = Mode0600 | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void Write_NewFile_HasTheContentAndMode0600()
    {
        var path = temp.Join("auth.json");

        AtomicFile.Write(path, "{\"a\":1}"u8);

        Assert.Equal("{\"a\":1}", File.ReadAllText(path));
        Assert.Equal(Mode0600, File.GetUnixFileMode(path));
    }

    [Fact]
    public void Write_OverLooseFile_ReplacesItWithA0600File()
    {
        var path = temp.Join("auth.json");
        File.WriteAllText(path, "old");
        File.SetUnixFileMode(path, Mode0644);

        AtomicFile.Write(path, "new"u8);

        Assert.Equal("new", File.ReadAllText(path));
        Assert.Equal(Mode0600, File.GetUnixFileMode(path));
    }

    [Fact]
    public void Write_Succeeds_LeavesNoTempFileBehind()
    {
        var path = temp.Join("auth.json");

        AtomicFile.Write(path, "one"u8);
        AtomicFile.Write(path, "two"u8);

        Assert.Equal(["auth.json"], Directory.GetFileSystemEntries(temp.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void TempPathFor_IsAHiddenTempFileInTheSameFolder()
    {
        var tempPath = AtomicFile.TempPathFor(temp.Join("auth.json"));

        Assert.Equal(temp.Path, Path.GetDirectoryName(tempPath));
        Assert.Matches(@"^\.auth\.json\.[0-9a-f]{16}\.tmp$", Path.GetFileName(tempPath));
    }

    [Fact]
    public void Write_ReplacesSymlinkAtTarget_LeavesPlantedFileUnchanged()
    {
        var planted = temp.Join("planted");
        File.WriteAllText(planted, "planted");
        var path = temp.Join("auth.json");
        File.CreateSymbolicLink(path, planted);

        AtomicFile.Write(path, "mine"u8);

        Assert.Equal("planted", File.ReadAllText(planted));
        Assert.Null(new FileInfo(path).LinkTarget);
        Assert.Equal("mine", File.ReadAllText(path));
    }

    [Fact]
    public void Write_SymlinkPlantedAtTempName_IsNotFollowedAndNotRemoved()
    {
        var planted = temp.Join("planted");
        File.WriteAllText(planted, "planted");
        var path = temp.Join("auth.json");
        File.WriteAllText(path, "old");
        var tempPath = AtomicFile.TempPathFor(path);
        File.CreateSymbolicLink(tempPath, planted);

        var error = Assert.Throws<StorageException>(() => AtomicFile.WriteVia(path, tempPath, "mine"u8));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Equal("planted", File.ReadAllText(planted));
        Assert.Equal("old", File.ReadAllText(path));
        Assert.Equal(planted, new FileInfo(tempPath).LinkTarget);
    }

    [Fact]
    public void Write_RenameFails_RemovesTempFileAndThrowsStorageException()
    {
        var path = temp.Join("auth.json");
        Directory.CreateDirectory(Path.Join(path, "blocker"));

        var error = Assert.Throws<StorageException>(() => AtomicFile.Write(path, "secret-token"u8));

        Assert.Equal(path, error.Path);
        Assert.DoesNotContain("secret-token", error.Message, StringComparison.Ordinal);
        Assert.Equal(["auth.json"], Directory.GetFileSystemEntries(temp.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void Write_MissingFolder_ThrowsStorageException()
    {
        var error = Assert.Throws<StorageException>(() => AtomicFile.Write(temp.Join("gone", "auth.json"), "x"u8));

        Assert.Contains(temp.Join("gone", "auth.json"), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Write_ParallelWritersAndReaders_ReadersOnlyEverSeeWholeVersions()
    {
        var path = temp.Join("auth.json");
        var versions = Enumerable.Range(0, 4).Select(i => new string((char)('a' + i), 2000 * (i + 1))).ToArray();
        AtomicFile.Write(path, Encoding.UTF8.GetBytes(versions[0]));
        using var stop = new CancellationTokenSource();

        var writers = versions.Select(version => Task.Run(() =>
        {
            for (var i = 0; i < 40; i++)
            {
                AtomicFile.Write(path, Encoding.UTF8.GetBytes(version));
            }
        }));
        var readers = Enumerable.Range(0, 2).Select(_ => Task.Run(() =>
        {
            var seen = 0;
            while (!stop.IsCancellationRequested || seen == 0)
            {
                var read = SafeFile.Read(path, 64 * 1024);
                Assert.Equal(ReadStatus.Ok, read.Status);
                Assert.Contains(Encoding.UTF8.GetString(read.Content), versions);
                Assert.Contains(File.ReadAllText(path), versions);
                seen++;
            }

            return seen;
        })).ToArray();

        await Task.WhenAll(writers);
        await stop.CancelAsync();
        var reads = await Task.WhenAll(readers);

        Assert.All(reads, count => Assert.True(count > 0));
        Assert.Equal(["auth.json"], Directory.GetFileSystemEntries(temp.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void CleanStaleTemps_RemovesOnlyOldTempsOfThatFile()
    {
        var clock = new FakeTimeProvider();
        var old = temp.Join(".auth.json.0123456789abcdef.tmp");
        var fresh = temp.Join(".auth.json.fedcba9876543210.tmp");
        string[] others = [temp.Join("auth.json"), temp.Join(".auth.json.corrupt"), temp.Join(".models.json.0123456789abcdef.tmp"), temp.Join(".auth.json.not-hex-at-all!!.tmp")];
        foreach (var file in others.Append(old).Append(fresh))
        {
            File.WriteAllText(file, "x");
            File.SetLastWriteTimeUtc(file, (clock.GetUtcNow() - TimeSpan.FromHours(1)).UtcDateTime);
        }

        File.SetLastWriteTimeUtc(fresh, (clock.GetUtcNow() - TimeSpan.FromSeconds(5)).UtcDateTime);

        var removed = AtomicFile.CleanStaleTemps(temp.Path, "auth.json", TimeSpan.FromMinutes(1), clock);

        Assert.Equal(1, removed);
        Assert.False(File.Exists(old));
        Assert.True(File.Exists(fresh));
        Assert.All(others, file => Assert.True(File.Exists(file), file));
    }

    [Fact]
    public void CleanStaleTemps_MissingFolder_RemovesNothing()
    {
        Assert.Equal(0, AtomicFile.CleanStaleTemps(temp.Join("gone"), "auth.json", TimeSpan.Zero, new FakeTimeProvider()));
    }
}
