using XaiGrok.Onboarding.Tokens;
using Xunit;

namespace XaiGrok.Onboarding.Tests.Tokens;

public sealed class TokenLifetimeTests
{
    private static readonly DateTimeOffset Now = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static TheoryData<long?, double?, double> Cases => new()
    {
        // expires_in (s), JWT exp (s from now), expected (s from now)
        { 21600, null, 21600 },
        { 900, null, 900 },
        { null, 3600, 3600 },
        { null, null, 30 * 86400 },
        { 21600, 3600, 3600 },
        { 3600, 21600, 3600 },
        { 40L * 86400, null, 30 * 86400 },
        { null, 90 * 86400, 30 * 86400 },
        { 40L * 86400, 35 * 86400, 30 * 86400 },
        { 21600, -60, -60 },
        { long.MaxValue, null, 30 * 86400 },
        { 30L * 86400, null, 30 * 86400 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void ExpiresAt_IsTheEarliestOfExpiresInJwtExpAndThirtyDays(long? expiresIn, double? jwtExpFromNow, double expectedFromNow)
    {
        DateTimeOffset? jwtExpiry = jwtExpFromNow is { } seconds ? Now.AddSeconds(seconds) : null;

        Assert.Equal(Now.AddSeconds(expectedFromNow), TokenLifetime.ExpiresAt(Now, expiresIn, jwtExpiry));
    }

    [Fact]
    public void Ceiling_IsThirtyDays() => Assert.Equal(TimeSpan.FromDays(30), TokenLifetime.Ceiling);
}
