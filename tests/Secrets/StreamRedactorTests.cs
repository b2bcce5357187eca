using XaiGrok.Onboarding.Secrets;
using Xunit;

namespace XaiGrok.Onboarding.Tests.Secrets;

public sealed class StreamRedactorTests
{
    private const string Secret = "tok-0123456789";

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(7)]
    [InlineData(13)]
    public void Take_SecretSplitAcrossPieces_NoPieceShowsAnyOfIt(int cut)
    {
        var secrets = new SecretRegistry();
        secrets.Add(Secret);
        var redactor = new StreamRedactor(secrets);

        string[] shown = [redactor.Take("key: " + Secret[..cut]), redactor.Take(Secret[cut..] + " end"), redactor.Flush()];

        Assert.Equal(["key: ", "[redacted] end", ""], shown);
    }

    [Fact]
    public void Take_TextThatStartsLikeASecretButIsNot_IsHeldOnlyUntilItDiffers()
    {
        var secrets = new SecretRegistry();
        secrets.Add(Secret);
        var redactor = new StreamRedactor(secrets);

        Assert.Equal("a ", redactor.Take("a tok-"));
        Assert.Equal("tok-9 b", redactor.Take("9 b"));
        Assert.Equal("", redactor.Flush());
    }

    [Fact]
    public void Flush_TheStreamEndsOnAPrefix_SendsItAsIs()
    {
        var secrets = new SecretRegistry();
        secrets.Add(Secret);
        var redactor = new StreamRedactor(secrets);

        Assert.Equal("end ", redactor.Take("end tok-01"));
        Assert.Equal("tok-01", redactor.Flush());
    }
}
