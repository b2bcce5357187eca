using XaiGrok.Onboarding.Protocol;
using Xunit;

namespace XaiGrok.Onboarding.Tests.Protocol;

public sealed class PrintableTextTests
{
    [Theory]
    [InlineData("plain words, with spaces.", true)]
    [InlineData("caf\u00e9 \u65e5\u672c \ud83d\ude00", true)]
    [InlineData("zero\u200bwidth", true)]
    [InlineData("", true)]
    [InlineData("tab\there", false)]
    [InlineData("new\nline", false)]
    [InlineData("nul\0", false)]
    [InlineData("esc\u001b[0m", false)]
    [InlineData("del\u007f", false)]
    [InlineData("c1\u0085", false)]
    [InlineData("rlo\u202Eexe.txt", false)]
    [InlineData("lre\u202Aok", false)]
    [InlineData("isolate\u2066ok\u2069", false)]
    [InlineData("mark\u200Fok", false)]
    [InlineData("arabic mark\u061Cok", false)]
    public void IsPrintable_Prose_RefusesControlAndBidiCharacters(string text, bool expected) =>
        Assert.Equal(expected, PrintableText.IsPrintable(text, TextKind.Prose));

    [Theory]
    [InlineData("invalid_grant", true)]
    [InlineData("abcDEF123-._~+/=:", true)]
    [InlineData("", true)]
    [InlineData("two words", false)]
    [InlineData("caf\u00e9", false)]
    [InlineData("del\u007f", false)]
    [InlineData("rlo\u202E", false)]
    public void IsPrintable_Word_IsPrintableAsciiWithoutSpaces(string text, bool expected) =>
        Assert.Equal(expected, PrintableText.IsPrintable(text, TextKind.Word));

    [Fact]
    public void Clean_Prose_RemovesControlAndBidiCharactersAndKeepsTheRest() =>
        Assert.Equal("caf\u00e9 [31mred exe.txt", PrintableText.Clean("caf\u00e9 \u001b[31mred\r\n \u202Eexe.txt\u202C", 100));

    [Fact]
    public void Clean_Word_KeepsOnlyPrintableAsciiWithoutSpaces() =>
        Assert.Equal("pend-1caf", PrintableText.Clean("pend-1 caf\u00e9\n", 100, TextKind.Word));

    [Fact]
    public void Clean_CutsToMaxLengthAfterRemoving() =>
        Assert.Equal("abcde", PrintableText.Clean("\u0007a\u0007b\u0007c\u0007d\u0007e\u0007f", 5));

    [Fact]
    public void Clean_NeverCutsInsideASurrogatePair() =>
        Assert.Equal("ab", PrintableText.Clean("ab\ud83d\ude00", 3));

    [Fact]
    public void Clean_KeepsASurrogatePairThatFits() =>
        Assert.Equal("ab\ud83d\ude00", PrintableText.Clean("ab\ud83d\ude00c", 4));

    [Fact]
    public void Clean_RedactsTheGivenSecretsLongestFirst() =>
        Assert.Equal("[redacted] and [redacted]", PrintableText.Clean("secret-long and secret", 100, secrets: ["secret", "secret-long"]));

    [Fact]
    public void Clean_RemovesBeforeRedacting_SoASplitSecretIsNotJoinedBackTogether() =>
        Assert.Equal("[redacted]", PrintableText.Clean("sec\u0007ret", 100, secrets: ["secret"]));

    [Fact]
    public void Clean_RedactsBeforeCutting_SoACutSecretIsStillFound() =>
        Assert.Equal("x [redac", PrintableText.Clean("x secret-value", 8, secrets: ["secret-value"]));

    [Fact]
    public void Clean_IgnoresEmptySecrets() =>
        Assert.Equal("text", PrintableText.Clean("text", 100, secrets: [""]));
}
