using XaiGrok.Onboarding.Tiers;
using Xunit;

namespace XaiGrok.Onboarding.Tests.Tiers;

public sealed class TierTableTests
{
    [Theory]
    [InlineData(0L, "Free")]
    [InlineData(1L, "SuperGrok")]
    [InlineData(2L, "X Basic")]
    [InlineData(3L, "X Premium")]
    [InlineData(4L, "X Premium+")]
    [InlineData(5L, "SuperGrok Heavy")]
    [InlineData(6L, "SuperGrok Lite")]
    [InlineData(7L, "SuperGrok Plus")]
    public void SubscriptionFor_KnownTier_IsTheVendorsName(long tier, string name) =>
        Assert.Equal(name, TierTable.SubscriptionFor(tier));

    [Theory]
    [InlineData(8L)]
    [InlineData(-1L)]
    [InlineData(100L)]
    [InlineData(long.MaxValue)]
    [InlineData(long.MinValue)]
    [InlineData(null)]
    public void SubscriptionFor_UnknownOrMissingTier_IsUnknown(long? tier) =>
        Assert.Equal(TierTable.Unknown, TierTable.SubscriptionFor(tier));

    [Fact]
    public void Unknown_IsTheWordUnknown() => Assert.Equal("unknown", TierTable.Unknown);
}
