using XaiGrok.Onboarding.Protocol;
using Xunit;

namespace XaiGrok.Onboarding.Tests.Protocol;

public sealed class TextChecksTests
{
    [Theory]
    [InlineData("abcDEF123-._~+/=", true)]
    [InlineData("eyJhbGciOiJSUzI1NiJ9.eyJ0aWVyIjo0fQ.c2ln", true)]
    [InlineData("", true)]
    [InlineData("has space", false)]
    [InlineData("tab\t", false)]
    [InlineData("caf\u00e9", false)]
    [InlineData("del\u007f", false)]
    public void IsOpaqueValue_IsPrintableAsciiWithoutSpaces(string text, bool expected) =>
        Assert.Equal(expected, TextChecks.IsOpaqueValue(text));

    [Fact]
    public void IsOpaqueValue_RespectsTheLengthBound()
    {
        Assert.True(TextChecks.IsOpaqueValue(new string('a', 8192)));
        Assert.False(TextChecks.IsOpaqueValue(new string('a', 8193)));
        Assert.True(TextChecks.IsOpaqueValue(new string('a', 16), maxLength: 16));
        Assert.False(TextChecks.IsOpaqueValue(new string('a', 17), maxLength: 16));
    }

    [Theory]
    [InlineData("WDJB-MJHT", true)]
    [InlineData("abcd", true)]
    [InlineData("1-2", true)]
    [InlineData("", false)]
    [InlineData("-", false)]
    [InlineData("WDJB MJHT", false)]
    [InlineData("WDJB_MJHT", false)]
    [InlineData("ÄBCD", false)]
    [InlineData("١٢٣٤", false)]
    public void IsUserCode_IsLettersDigitsAndDashes(string text, bool expected) =>
        Assert.Equal(expected, TextChecks.IsUserCode(text));

    [Fact]
    public void IsUserCode_IsAtMost32Characters()
    {
        Assert.True(TextChecks.IsUserCode(new string('A', 32)));
        Assert.False(TextChecks.IsUserCode(new string('A', 33)));
    }

    [Theory]
    [InlineData("invalid_grant", true)]
    [InlineData("with space", true)]
    [InlineData("", true)]
    [InlineData("quote\"", false)]
    [InlineData("back\\slash", false)]
    [InlineData("caf\u00e9", false)]
    [InlineData("new\nline", false)]
    public void IsErrorCode_IsPrintableAsciiWithoutQuoteOrBackslash(string text, bool expected) =>
        Assert.Equal(expected, TextChecks.IsErrorCode(text));

    [Fact]
    public void IsErrorCode_IsAtMost64Characters()
    {
        Assert.True(TextChecks.IsErrorCode(new string('e', 64)));
        Assert.False(TextChecks.IsErrorCode(new string('e', 65)));
    }

    [Theory]
    [InlineData("openid", true)]
    [InlineData("api:access", true)]
    [InlineData("", false)]
    [InlineData("two words", false)]
    [InlineData("quote\"", false)]
    [InlineData("caf\u00e9", false)]
    public void IsScopeToken_IsOneWordOfPrintableAsciiWithoutQuoteOrBackslash(string text, bool expected) =>
        Assert.Equal(expected, TextChecks.IsScopeToken(text));
}
