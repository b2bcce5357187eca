using System.Runtime.Versioning;
using XaiGrok.Onboarding.Storage;
using Xunit;

namespace XaiGrok.Onboarding.Tests.Storage;

[SupportedOSPlatform("linux")]
public sealed class StateDirectoryTests : IDisposable
{
    private const UnixFileMode Mode0700 = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode Mode0755 = Mode0700 | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;
    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void Open_MissingFolderUnderLooseParent_CreatesItWithMode0700()
    {
        var parent = temp.Join("loose");
        Directory.CreateDirectory(parent);
        File.SetUnixFileMode(parent, (UnixFileMode)0b111_111_111);

        var state = StateDirectory.Open(Path.Join(parent, "state"));

        Assert.Equal(Path.Join(parent, "state"), state.Path);
        Assert.Equal(Mode0700, File.GetUnixFileMode(state.Path));
    }

    [Fact]
    public void Open_MissingParents_CreatesThemAndTheFolderWithMode0700()
    {
        var state = StateDirectory.Open(temp.Join("a", "b", "state") + "/");

        Assert.Equal(temp.Join("a", "b", "state"), state.Path);
        Assert.Equal(Mode0700, File.GetUnixFileMode(state.Path));
    }

    [Fact]
    public void Open_Existing0755Folder_TightensItTo0700()
    {
        var path = temp.Join("state");
        Directory.CreateDirectory(path);
        File.SetUnixFileMode(path, Mode0755);

        StateDirectory.Open(path);

        Assert.Equal(Mode0700, File.GetUnixFileMode(path));
    }

    [Theory]
    [InlineData(UnixFileMode.GroupWrite)]
    [InlineData(UnixFileMode.OtherWrite)]
    public void Open_FolderWritableByOthers_IsRefusedAndLeftAsItIs(UnixFileMode extra)
    {
        var path = temp.Join("state");
        Directory.CreateDirectory(path);
        File.SetUnixFileMode(path, Mode0700 | extra);

        var error = Assert.Throws<StorageException>(() => StateDirectory.Open(path));

        Assert.Equal(path, error.Path);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("writable by other users", error.Message, StringComparison.Ordinal);
        Assert.Contains("chmod 700", error.Message, StringComparison.Ordinal);
        Assert.Equal(Mode0700 | extra, File.GetUnixFileMode(path));
    }

    [Fact]
    public void Open_FolderIsSymlink_IsRefusedAndTargetModeUnchanged()
    {
        var real = temp.Join("real");
        Directory.CreateDirectory(real);
        File.SetUnixFileMode(real, Mode0755);
        var link = temp.Join("state");
        Directory.CreateSymbolicLink(link, real);

        var error = Assert.Throws<StorageException>(() => StateDirectory.Open(link));

        Assert.Contains("symbolic link", error.Message, StringComparison.Ordinal);
        Assert.Equal(Mode0755, File.GetUnixFileMode(real));
    }

    [Fact]
    public void Open_DanglingSymlink_IsRefusedAndNothingCreatedAtItsTarget()
    {
        var link = temp.Join("state");
        File.CreateSymbolicLink(link, temp.Join("elsewhere"));

        Assert.Throws<StorageException>(() => StateDirectory.Open(link));
        Assert.False(Path.Exists(temp.Join("elsewhere")));
    }

    [Fact]
    public void Open_PathIsAFile_IsRefused()
    {
        var path = temp.Join("state");
        File.WriteAllText(path, "not a folder");

        var error = Assert.Throws<StorageException>(() => StateDirectory.Open(path));

        Assert.Contains("not a folder", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void File_PlainName_IsInTheFolder()
    {
        var state = StateDirectory.Open(temp.Join("state"));

        Assert.Equal(temp.Join("state", "auth.json"), state.File("auth.json"));
    }

    [Theory]
    [InlineData("")]
    [InlineData(".")]
    [InlineData("..")]
    [InlineData("../auth.json")]
    [InlineData("sub/auth.json")]
    [InlineData("sub\\auth.json")]
    [InlineData("/etc/passwd")]
    public void File_NameThatIsNotPlain_IsRejected(string name)
    {
        var state = StateDirectory.Open(temp.Join("state"));

        Assert.Throws<ArgumentException>(() => state.File(name));
    }
}
