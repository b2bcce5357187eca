using System.Text;
using XaiGrok.Onboarding.Protocol;
using Xunit;

namespace XaiGrok.Onboarding.Tests.Protocol;

public sealed class JsonObjectReaderTests
{
    private static JsonObjectReader Parse(string json) =>
        JsonObjectReader.TryParse(Encoding.UTF8.GetBytes(json)) ?? throw new Xunit.Sdk.XunitException("not parsed");

    [Theory]
    [InlineData("")]
    [InlineData("null")]
    [InlineData("[]")]
    [InlineData("[{}]")]
    [InlineData("\"text\"")]
    [InlineData("42")]
    [InlineData("true")]
    [InlineData("{")]
    [InlineData("{\"a\":}")]
    [InlineData("{} {}")]
    [InlineData("{'a':1}")]
    [InlineData("{\"a\":1,}")]
    [InlineData("\uFEFF")]
    public void TryParse_NotASingleJsonObject_IsNull(string body) =>
        Assert.Null(JsonObjectReader.TryParse(Encoding.UTF8.GetBytes(body)));

    [Fact]
    public void TryParse_InvalidUtf8_IsNull() =>
        Assert.Null(JsonObjectReader.TryParse(new byte[] { (byte)'{', (byte)'"', 0xC3, 0x28, (byte)'"', (byte)':', (byte)'1', (byte)'}' }));

    [Fact]
    public void TryParse_NestingDeeperThan32_IsNull() =>
        Assert.Null(JsonObjectReader.TryParse(Encoding.UTF8.GetBytes("{\"a\":" + new string('[', 10_000) + new string(']', 10_000) + "}")));

    [Theory]
    [InlineData("{\"f\":\"value\"}", "value")]
    [InlineData("{\"f\":\" padded \"}", " padded ")]
    [InlineData("{\"f\":\"\"}", null)]
    [InlineData("{\"f\":\"  \"}", null)]
    [InlineData("{\"f\":null}", null)]
    [InlineData("{\"f\":1}", null)]
    [InlineData("{\"f\":[\"x\"]}", null)]
    [InlineData("{\"f\":{}}", null)]
    [InlineData("{\"F\":\"case\"}", null)]
    [InlineData("{}", null)]
    public void String_IsANonBlankStringOrNull(string json, string? expected)
    {
        using var reader = Parse(json);

        Assert.Equal(expected, reader.String("f"));
    }

    [Theory]
    [InlineData("{\"f\":5}", true, 5L)]
    [InlineData("{\"f\":-5}", true, -5L)]
    [InlineData("{\"f\":\"17\"}", true, 17L)]
    [InlineData("{\"f\":\"-17\"}", true, -17L)]
    [InlineData("{\"f\":\" 17\"}", false, 0L)]
    [InlineData("{\"f\":\"1e3\"}", false, 0L)]
    [InlineData("{\"f\":\"0x10\"}", false, 0L)]
    [InlineData("{\"f\":1.5}", false, 0L)]
    [InlineData("{\"f\":1e3}", false, 0L)]
    [InlineData("{\"f\":99999999999999999999}", false, 0L)]
    [InlineData("{\"f\":true}", false, 0L)]
    [InlineData("{\"f\":null}", false, 0L)]
    [InlineData("{}", false, 0L)]
    public void TryInteger_AcceptsWholeNumbersAndDigitStrings(string json, bool ok, long expected)
    {
        using var reader = Parse(json);

        Assert.Equal(ok, reader.TryInteger("f", out var number));
        Assert.Equal(expected, number);
    }

    [Theory]
    [InlineData("{\"f\":1}", true)]
    [InlineData("{\"f\":\"\"}", true)]
    [InlineData("{\"f\":false}", true)]
    [InlineData("{\"f\":null}", false)]
    [InlineData("{}", false)]
    public void Has_IsPresentAndNotNull(string json, bool expected)
    {
        using var reader = Parse(json);

        Assert.Equal(expected, reader.Has("f"));
    }

    [Theory]
    [InlineData("{\"f\":[]}", true)]
    [InlineData("{\"f\":[1,2]}", true)]
    [InlineData("{\"f\":{}}", false)]
    [InlineData("{\"f\":\"[]\"}", false)]
    [InlineData("{}", false)]
    public void TryArray_IsAnArrayOnly(string json, bool expected)
    {
        using var reader = Parse(json);

        Assert.Equal(expected, reader.TryArray("f", out var array));
        Assert.Equal(expected, array is not null);
    }
}
