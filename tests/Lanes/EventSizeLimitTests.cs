using System.Text;
using XaiGrok.Onboarding.Lanes;
using Xunit;

namespace XaiGrok.Onboarding.Tests.Lanes;

public sealed class EventSizeLimitTests
{
    [Theory]
    [InlineData("\n")]
    [InlineData("\r\n")]
    [InlineData("\r")]
    public void EventsUnderTheLimit_PassWhateverTheirNumber(string newline)
    {
        var oneEvent = "data: " + new string('x', 90) + newline + newline;
        var text = string.Concat(Enumerable.Repeat(oneEvent, 1000));

        Assert.Equal(text, ReadAll(text, maxEventBytes: 100));
    }

    [Fact]
    public void ALineWithoutEnd_StopsAtTheLimit()
    {
        var error = Assert.Throws<EventTooLargeException>(() => ReadAll("data: " + new string('x', 5000), maxEventBytes: 1000));

        Assert.Equal(1000, error.MaxEventBytes);
    }

    [Fact]
    public void DataLinesWithoutTheBlankLine_StopAtTheLimit()
    {
        var text = string.Concat(Enumerable.Repeat("data: " + new string('y', 50) + "\n", 100));

        Assert.Throws<EventTooLargeException>(() => ReadAll(text, maxEventBytes: 1000));
    }

    [Fact]
    public void ACarriageReturnLineFeedIsOneLineEnd_NotABlankLine()
    {
        // Two data lines of 600 bytes joined by CRLF are one event of 1200 bytes: over a 1000-byte limit.
        var text = "data: " + new string('z', 594) + "\r\ndata: " + new string('z', 594) + "\r\n";

        Assert.Throws<EventTooLargeException>(() => ReadAll(text, maxEventBytes: 1000));
    }

    private static string ReadAll(string text, int maxEventBytes)
    {
        using var limited = new EventSizeLimit(new MemoryStream(Encoding.ASCII.GetBytes(text)), maxEventBytes);
        using var reader = new StreamReader(limited, Encoding.ASCII);
        return reader.ReadToEnd();
    }
}
