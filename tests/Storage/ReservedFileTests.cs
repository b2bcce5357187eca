using System.Runtime.Versioning;
using XaiGrok.Onboarding.Storage;
using XaiGrok.Onboarding.Tests.Support;
using Xunit;

namespace XaiGrok.Onboarding.Tests.Storage;

[SupportedOSPlatform("linux")]
public sealed class ReservedFileTests : IDisposable
{
    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void Reserve_WritesAHiddenOwnerOnlyTempFileOfTheFullSize_AndLeavesTheTargetAlone()
    {
        var path = temp.Join("auth.json");
        File.WriteAllText(path, "old");

        using var reserved = ReservedFile.Reserve(path, 10_000);

        var tempFile = Assert.Single(Directory.GetFiles(temp.Path, ".auth.json.*.tmp"));
        Assert.Equal(10_000, new FileInfo(tempFile).Length);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(tempFile));
        Assert.Equal("old", File.ReadAllText(path));
    }

    [Fact]
    public void Commit_ReplacesTheTargetWithExactlyTheContent_AndLeavesNoTempFile()
    {
        var path = temp.Join("auth.json");
        File.WriteAllText(path, "old");
        using var reserved = ReservedFile.Reserve(path, 10_000);

        reserved.Commit("new"u8);

        Assert.Equal("new", File.ReadAllText(path));
        Assert.Empty(Directory.GetFiles(temp.Path, ".auth.json.*"));
    }

    [Fact]
    public void Dispose_WithoutCommit_GivesTheSpaceBack()
    {
        var path = temp.Join("auth.json");

        using (ReservedFile.Reserve(path, 10_000))
        {
        }

        Assert.Empty(Directory.GetFileSystemEntries(temp.Path));
    }

    [Fact]
    public void Commit_OnAFullDisk_FitsInTheReservedSpace_ButLongerContentFails_AndAShorterOneStillFits()
    {
        using var disk = SmallTmpfs.Mount(64 * 1024);
        var path = Path.Combine(disk.MountPoint, "auth.json");
        using var reserved = ReservedFile.Reserve(path, 3 * SmallTmpfs.PageBytes);
        disk.FillUp();

        Assert.Throws<StorageException>(() => reserved.Commit(new byte[5 * SmallTmpfs.PageBytes]));
        Assert.False(File.Exists(path));

        reserved.Commit(new byte[3 * SmallTmpfs.PageBytes]);
        Assert.Equal(3 * SmallTmpfs.PageBytes, new FileInfo(path).Length);
    }

    [Fact]
    public void Reserve_OnAFullDisk_FailsAndLeavesNothingBehind()
    {
        using var disk = SmallTmpfs.Mount(64 * 1024);
        var path = Path.Combine(disk.MountPoint, "auth.json");
        disk.LeaveFreePages(1);

        var refused = Assert.Throws<StorageException>(() => ReservedFile.Reserve(path, 3 * SmallTmpfs.PageBytes));

        Assert.Contains("reserve", refused.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(disk.MountPoint, ".auth.json.*"));
    }
}
