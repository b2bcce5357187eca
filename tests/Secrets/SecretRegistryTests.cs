using XaiGrok.Onboarding.Secrets;
using Xunit;

namespace XaiGrok.Onboarding.Tests.Secrets;

public sealed class SecretRegistryTests
{
    [Fact]
    public void Redact_NothingKnown_ReturnsTheSameText()
    {
        var text = "hello";

        Assert.Same(text, new SecretRegistry().Redact(text));
    }

    [Theory]
    [InlineData("abcd", "x abcd y abcd", "x [redacted] y [redacted]")]
    [InlineData("r7Q-Cny", "token r7Q-Cny was revoked", "token [redacted] was revoked")]
    [InlineData("a long access token", "Bearer a long access token!", "Bearer [redacted]!")]
    public void Redact_EveryOccurrence_WhateverItsLength(string secret, string text, string expected)
    {
        var secrets = new SecretRegistry();
        secrets.Add(secret);

        Assert.Equal(expected, secrets.Redact(text));
    }

    [Fact]
    public void Add_UnderFourCharacters_IsIgnored()
    {
        var secrets = new SecretRegistry();
        secrets.Add("abc");

        Assert.Equal("abc abc", secrets.Redact("abc abc"));
        Assert.Equal(0, secrets.LongestLength);
    }

    [Fact]
    public void Redact_OneSecretStartsAnother_CutsTheLongerWhole()
    {
        var secrets = new SecretRegistry();
        secrets.Add("secret");
        secrets.Add("secret-and-more");

        Assert.Equal("[[redacted]]", secrets.Redact("[secret-and-more]"));
    }

    [Fact]
    public void Redact_UrlEncodedForm_IsCutToo()
    {
        var secrets = new SecretRegistry();
        secrets.Add("a+b/c=d");

        Assert.Equal("q=[redacted]", secrets.Redact("q=" + Uri.EscapeDataString("a+b/c=d")));
    }

    [Fact]
    public void Add_PastCapacity_ForgetsTheOldestButNeverAPinnedValue()
    {
        var secrets = new SecretRegistry();
        secrets.Add("pinned-key", pin: true);
        for (var i = 0; i <= SecretRegistry.Capacity; i++)
        {
            secrets.Add($"token-{i:D4}");
        }

        Assert.Equal("token-0000 [redacted] [redacted]", secrets.Redact($"token-0000 token-{SecretRegistry.Capacity:D4} pinned-key"));
    }

    [Theory]
    [InlineData("you sent sec", 3)]
    [InlineData("you sent s", 1)]
    [InlineData("you sent secret-value", 0)]
    [InlineData("you sent x", 0)]
    public void PossibleStartLength_IsTheEndThatCouldStartASecret(string text, int expected)
    {
        var secrets = new SecretRegistry();
        secrets.Add("secret-value");

        Assert.Equal(expected, secrets.PossibleStartLength(text));
    }
}
