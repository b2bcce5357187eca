using XaiGrok.Onboarding.Storage;
using Xunit;

namespace XaiGrok.Onboarding.Tests.Storage;

public sealed class FileStampTests : IDisposable
{
    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void Of_Missing_IsNull()
    {
        Assert.Null(FileStamp.Of(temp.Join("auth.json")));
    }

    [Fact]
    public void Of_UnchangedFile_IsEqual()
    {
        var path = temp.Join("auth.json");
        AtomicFile.Write(path, "{}"u8);

        Assert.Equal(FileStamp.Of(path), FileStamp.Of(path));
    }

    [Fact]
    public void Of_FileReplacedWithOtherLength_Differs()
    {
        var path = temp.Join("auth.json");
        AtomicFile.Write(path, "{}"u8);
        var before = FileStamp.Of(path);

        AtomicFile.Write(path, "{\"a\":1}"u8);

        Assert.NotEqual(before, FileStamp.Of(path));
    }

    [Fact]
    public void Of_FileReplacedWithSameLengthLater_Differs()
    {
        var path = temp.Join("auth.json");
        AtomicFile.Write(path, "{}"u8);
        File.SetLastWriteTimeUtc(path, new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        var before = FileStamp.Of(path);

        AtomicFile.Write(path, "[]"u8);

        Assert.NotEqual(before, FileStamp.Of(path));
    }
}
