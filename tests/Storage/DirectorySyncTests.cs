using System.Runtime.Versioning;
using XaiGrok.Onboarding.Storage;
using Xunit;

namespace XaiGrok.Onboarding.Tests.Storage;

[SupportedOSPlatform("linux")]
public sealed class DirectorySyncTests : IDisposable
{
    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void TryFlush_ExistingFolder_ReturnsTrue() => Assert.True(DirectorySync.TryFlush(temp.Path));

    [Fact]
    public void TryFlush_ReadOnlyFolder_StillFlushes()
    {
        File.SetUnixFileMode(temp.Path, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        try
        {
            Assert.True(DirectorySync.TryFlush(temp.Path));
        }
        finally
        {
            File.SetUnixFileMode(temp.Path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    [Theory]
    [InlineData("missing")]
    [InlineData("")]
    [InlineData("bad\0name")]
    public void TryFlush_NoUsableFolder_ReturnsFalseWithoutThrowing(string name)
    {
        var path = name.Length == 0 ? "" : temp.Join(name);

        Assert.False(DirectorySync.TryFlush(path));
    }

    [Fact]
    public void TryFlush_ManyTimes_LeaksNoDescriptor()
    {
        var before = Directory.GetFiles("/proc/self/fd").Length;

        for (var i = 0; i < 200; i++)
        {
            Assert.True(DirectorySync.TryFlush(temp.Path));
        }

        // Other tests open files in parallel: allow some noise, not 200 descriptors.
        Assert.True(Directory.GetFiles("/proc/self/fd").Length < before + 50);
    }

    [Fact]
    public void AtomicWrite_FlushesTheFolderAfterTheRename() =>
        Assert.True(AtomicFile.Write(temp.Join("auth.json"), "{}"u8));
}
