using System.Diagnostics;
using System.Runtime.Versioning;
using XaiGrok.Onboarding.Storage;
using Xunit;

namespace XaiGrok.Onboarding.Tests.Storage;

[SupportedOSPlatform("linux")]
public sealed class SafeFileTests : IDisposable
{
    private const UnixFileMode Mode0600 = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode Mode0644 = Mode0600 | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void Read_Missing_IsNotFound()
    {
        Assert.Equal(ReadStatus.NotFound, SafeFile.Read(temp.Join("auth.json"), 100).Status);
        Assert.Equal(ReadStatus.NotFound, SafeFile.Read(temp.Join("gone", "auth.json"), 100).Status);
    }

    [Fact]
    public void Read_RegularFile_IsOkWithItsBytes()
    {
        var path = temp.Join("auth.json");
        File.WriteAllText(path, "{}");
        File.SetUnixFileMode(path, Mode0600);

        var read = SafeFile.Read(path, 2);

        Assert.Equal(ReadStatus.Ok, read.Status);
        Assert.Equal("{}"u8.ToArray(), read.Content);
    }

    [Fact]
    public void Read_LooseFile_IsTightenedTo0600()
    {
        var path = temp.Join("auth.json");
        File.WriteAllText(path, "{}");
        File.SetUnixFileMode(path, Mode0644);

        Assert.Equal(ReadStatus.Ok, SafeFile.Read(path, 100).Status);
        Assert.Equal(Mode0600, File.GetUnixFileMode(path));
    }

    [Fact]
    public void Read_Symlink_IsRefusedAndTargetLeftAlone()
    {
        var planted = temp.Join("planted");
        File.WriteAllText(planted, "planted-secret");
        File.SetUnixFileMode(planted, Mode0644);
        var path = temp.Join("auth.json");
        File.CreateSymbolicLink(path, planted);

        var read = SafeFile.Read(path, 100);

        Assert.Equal(ReadStatus.Refused, read.Status);
        Assert.Empty(read.Content);
        Assert.Contains(path, read.Reason, StringComparison.Ordinal);
        Assert.Contains("symbolic link", read.Reason, StringComparison.Ordinal);
        Assert.Equal(Mode0644, File.GetUnixFileMode(planted));
    }

    [Fact]
    public void Read_Folder_IsRefused()
    {
        var path = temp.Join("auth.json");
        Directory.CreateDirectory(path);

        var read = SafeFile.Read(path, 100);

        Assert.Equal(ReadStatus.Refused, read.Status);
        Assert.Contains("folder", read.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_OversizeFile_IsRefusedWithoutItsContent()
    {
        var path = temp.Join("auth.json");
        File.WriteAllText(path, "secret-token-secret-token");

        var read = SafeFile.Read(path, 10);

        Assert.Equal(ReadStatus.Refused, read.Status);
        Assert.Contains("25 bytes", read.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", read.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_Fifo_ReturnsEmptyWithoutBlocking()
    {
        var path = temp.Join("auth.json");
        using (var mkfifo = Process.Start("mkfifo", [path]))
        {
            mkfifo.WaitForExit();
            Assert.Equal(0, mkfifo.ExitCode);
        }

        var read = SafeFile.Read(path, 100);

        Assert.Equal(ReadStatus.Ok, read.Status);
        Assert.Empty(read.Content);
    }

    [Fact]
    public void Delete_Missing_IsFine()
    {
        SafeFile.Delete(temp.Join("auth.json"));
        SafeFile.Delete(temp.Join("gone", "auth.json"));
    }

    [Fact]
    public void Delete_File_RemovesIt()
    {
        var path = temp.Join("auth.json");
        File.WriteAllText(path, "{}");

        SafeFile.Delete(path);

        Assert.False(File.Exists(path));
    }

    [Fact]
    public void Delete_Symlink_RemovesTheLinkNotItsTarget()
    {
        var planted = temp.Join("planted");
        File.WriteAllText(planted, "planted");
        var path = temp.Join("auth.json");
        File.CreateSymbolicLink(path, planted);

        SafeFile.Delete(path);

        Assert.False(Path.Exists(path));
        Assert.Equal("planted", File.ReadAllText(planted));
    }

    [Fact]
    public void Delete_Folder_IsRefused()
    {
        var path = temp.Join("auth.json");
        Directory.CreateDirectory(path);

        Assert.Throws<StorageException>(() => SafeFile.Delete(path));
        Assert.True(Directory.Exists(path));
    }

    [Fact]
    public void MoveAside_File_RenamesItAndReplacesAnOlderCopy()
    {
        var path = temp.Join("auth.json");
        File.WriteAllText(path, "corrupt-now");
        File.WriteAllText(path + ".corrupt", "corrupt-before");

        Assert.True(SafeFile.MoveAside(path, ".corrupt"));

        Assert.False(File.Exists(path));
        Assert.Equal("corrupt-now", File.ReadAllText(path + ".corrupt"));
    }

    [Fact]
    public void MoveAside_Missing_ReturnsFalse()
    {
        Assert.False(SafeFile.MoveAside(temp.Join("auth.json"), ".corrupt"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("/../../x")]
    public void MoveAside_SuffixThatIsNotPlain_IsRejected(string suffix)
    {
        Assert.Throws<ArgumentException>(() => SafeFile.MoveAside(temp.Join("auth.json"), suffix));
    }
}
