using System.Net.Http.Headers;
using Microsoft.Extensions.Time.Testing;
using XaiGrok.Onboarding.Http;
using Xunit;

namespace XaiGrok.Onboarding.Tests.Http;

public sealed class RetryAfterHeaderTests
{
    private static readonly DateTimeOffset Now = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("0", 0)]
    [InlineData("7", 7)]
    [InlineData("120", 120)]
    [InlineData("86400", 86400)]
    [InlineData("Wed, 01 Jan 2025 00:01:30 GMT", 90)]
    [InlineData("Wed, 01 Jan 2025 00:00:00 GMT", 0)]
    [InlineData("Tue, 31 Dec 2024 23:59:00 GMT", 0)]
    [InlineData("Mon, 01 Jan 2024 00:00:00 GMT", 0)]
    public void Read_SecondsOrHttpDate_IsTheWaitFromNow(string header, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), RetryAfterHeader.Read(RetryConditionHeaderValue.Parse(header), new FakeTimeProvider(Now)));

    [Fact]
    public void Read_HttpDate_FollowsTheClock()
    {
        var clock = new FakeTimeProvider(Now);
        var header = new RetryConditionHeaderValue(Now.AddMinutes(2));

        Assert.Equal(TimeSpan.FromMinutes(2), RetryAfterHeader.Read(header, clock));
        clock.Advance(TimeSpan.FromSeconds(90));
        Assert.Equal(TimeSpan.FromSeconds(30), RetryAfterHeader.Read(header, clock));
        clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(TimeSpan.Zero, RetryAfterHeader.Read(header, clock));
    }

    [Fact]
    public void Read_Delta_IsNotNegative() =>
        Assert.Equal(TimeSpan.Zero, RetryAfterHeader.Read(new RetryConditionHeaderValue(TimeSpan.FromSeconds(-5)), new FakeTimeProvider(Now)));

    [Fact]
    public void Read_NoHeader_IsNull() => Assert.Null(RetryAfterHeader.Read(null, new FakeTimeProvider(Now)));
}
