using XaiGrok.Onboarding.Config;
using Xunit;

namespace XaiGrok.Onboarding.Tests.Config;

public sealed class MediaMaxBytesTests
{
    [Theory]
    [InlineData(null, 536870912L, false)]
    [InlineData("1048576", 1048576L, false)]
    [InlineData("0", 536870912L, true)]
    [InlineData("-5", 536870912L, true)]
    [InlineData("lots", 536870912L, true)]
    public void Read_XaiMediaMaxBytes_IsAPositiveByteCount_ElseAnInvalidSettingNamingIt(string? value, long expected, bool invalid)
    {
        var options = EnvironmentOptionsReader.Read(name => name == "XAI_MEDIA_MAX_BYTES" ? value : null);

        Assert.Equal(expected, options.MediaMaxBytes);
        Assert.Equal(invalid, options.InvalidSettings.Any(setting => setting.Variable == "XAI_MEDIA_MAX_BYTES"));
    }
}
