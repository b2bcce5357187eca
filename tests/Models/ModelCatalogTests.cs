using XaiGrok.Onboarding.Lanes;
using XaiGrok.Onboarding.Models;
using XaiGrok.Onboarding.Tiers;
using Xunit;

namespace XaiGrok.Onboarding.Tests.Models;

public sealed class ModelCatalogTests
{
    private static readonly DateTimeOffset FetchedAt = new(2025, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly string KnownMultiAgent = LaneRouter.KnownUnlistedMultiAgentModels[0];

    [Fact]
    public void Build_EveryEntry_HasThePrefixedIdAndTheUpstreamId()
    {
        var list = ModelCatalog.Build(["grok-4.3", "grok-imagine-image"], FetchedAt);

        Assert.All(list.Chat.Concat(list.Media), entry => Assert.Equal("xai-grok/" + entry.UpstreamId, entry.Id));
        Assert.Equal(FetchedAt, list.FetchedAt);
    }

    [Fact]
    public void Build_ChatModels_KeepUpstreamOrderWithTheirLane()
    {
        var list = ModelCatalog.Build(["grok-4.3", "grok-4.20-multi-agent-0309", "grok-code-fast-1"], FetchedAt);

        Assert.Equal(
            [
                new ModelEntry("xai-grok/grok-4.3", "grok-4.3", "chat_completions", "chat", true),
                new ModelEntry("xai-grok/grok-4.20-multi-agent-0309", "grok-4.20-multi-agent-0309", "responses", "chat", true),
                new ModelEntry("xai-grok/grok-code-fast-1", "grok-code-fast-1", "chat_completions", "chat", true),
            ],
            list.Chat);
        Assert.Empty(list.Media);
    }

    [Fact]
    public void Build_ImagineModels_AreListedApartAsImageOrVideo()
    {
        var list = ModelCatalog.Build(["grok-imagine-image", "grok-4.3", "grok-imagine-video"], FetchedAt);

        Assert.DoesNotContain(list.Chat, entry => entry.UpstreamId.StartsWith("grok-imagine", StringComparison.Ordinal));
        Assert.Equal(["grok-imagine-image", "grok-imagine-video"], list.Media.Select(entry => entry.UpstreamId));
        Assert.Equal(["image", "video"], list.Media.Select(entry => entry.Kind));
        Assert.All(list.Media, entry => Assert.True(entry.Listed));
    }

    [Fact]
    public void Build_Duplicates_AreRemoved()
    {
        var list = ModelCatalog.Build(["grok-4.3", "grok-4.3", "grok-imagine-video", "grok-imagine-video", KnownMultiAgent, KnownMultiAgent], FetchedAt);

        Assert.Equal(["grok-4.3", KnownMultiAgent], list.Chat.Select(entry => entry.UpstreamId));
        Assert.Single(list.Media);
    }

    [Fact]
    public void Build_KnownMultiAgentModelAbsent_IsNotAdded()
    {
        var list = ModelCatalog.Build(["grok-4.3"], FetchedAt);

        Assert.DoesNotContain(list.Chat, entry => entry.UpstreamId == KnownMultiAgent);
    }

    [Fact]
    public void Offer_Heavy_AddsTheKnownMultiAgentModelUnlistedOnTheResponsesLane()
    {
        var list = ModelCatalog.Offer(ModelCatalog.Build(["grok-4.3"], FetchedAt), TierTable.HighestTier, ModelAccessFacts.None);

        var added = Assert.Single(list.Chat, entry => entry.UpstreamId == KnownMultiAgent);
        Assert.Equal(new ModelEntry("xai-grok/" + KnownMultiAgent, KnownMultiAgent, "responses", "chat", false), added);
        Assert.Equal(KnownMultiAgent, list.Chat[^1].UpstreamId);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(1L)]
    [InlineData(3L)]
    [InlineData(4L)]
    [InlineData(7L)]
    public void Offer_AnyOtherTier_LeavesTheUnlistedModelOut(long? tier)
    {
        var list = ModelCatalog.Offer(ModelCatalog.Build(["grok-4.3"], FetchedAt), tier, ModelAccessFacts.None);

        Assert.Equal(["grok-4.3"], list.Chat.Select(entry => entry.UpstreamId));
    }

    [Fact]
    public void Offer_ACallThatWorked_AddsTheModelUnlistedOnAnyTier()
    {
        var facts = new ModelAccessFacts(new HashSet<string> { KnownMultiAgent }, new HashSet<string>());

        var list = ModelCatalog.Offer(ModelCatalog.Build(["grok-4.3"], FetchedAt), 3, facts);

        Assert.False(Assert.Single(list.Chat, entry => entry.UpstreamId == KnownMultiAgent).Listed);
    }

    [Fact]
    public void Offer_ARefusal_RemovesTheModelEvenWhenTheTierOrTheListHasIt()
    {
        var facts = new ModelAccessFacts(new HashSet<string>(), new HashSet<string> { KnownMultiAgent, "grok-4.20-0309-reasoning" });

        var list = ModelCatalog.Offer(ModelCatalog.Build(["grok-4.3", "grok-4.20-0309-reasoning"], FetchedAt), TierTable.HighestTier, facts);

        Assert.Equal(["grok-4.3"], list.Chat.Select(entry => entry.UpstreamId));
    }

    [Fact]
    public void Build_KnownMultiAgentModelListed_IsKeptOnceAsListed()
    {
        var list = ModelCatalog.Build([KnownMultiAgent, "grok-4.3"], FetchedAt);

        var entry = Assert.Single(list.Chat, entry => entry.UpstreamId == KnownMultiAgent);
        Assert.True(entry.Listed);
    }

    [Fact]
    public void Build_EmptyUpstreamList_IsEmpty()
    {
        var list = ModelCatalog.Build([], FetchedAt);

        Assert.Empty(list.Chat);
        Assert.Empty(list.Media);
    }
}
