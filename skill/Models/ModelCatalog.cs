using XaiGrok.Onboarding.Lanes;
using XaiGrok.Onboarding.Tiers;

namespace XaiGrok.Onboarding.Models;

/// <summary>
/// Turns the upstream model ids into the module's list (prefixed ids, a lane each, media models apart), and decides
/// what is offered: a known multi-agent model the list omits is added (<c>listed: false</c>) only for the tier that
/// unlocks it or once a call to it worked, and a model xAI refused the account is not offered.
/// </summary>
internal static class ModelCatalog
{
    public static ModelList Build(IEnumerable<string> upstreamIds, DateTimeOffset fetchedAt)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var chat = new List<ModelEntry>();
        var media = new List<ModelEntry>();
        foreach (var id in upstreamIds)
        {
            if (!seen.Add(id))
            {
                continue;
            }

            var kind = ModelKinds.KindOf(id);
            (kind == ModelKinds.Chat ? chat : media).Add(Entry(id, kind, listed: true));
        }

        return new ModelList(chat, media, fetchedAt);
    }

    /// <summary>
    /// The chat models offered to an account with <paramref name="tier"/> (null for an API key or an unknown tier),
    /// given what calls taught (<paramref name="facts"/>). xAI lets SuperGrok Heavy call the multi-agent model
    /// without listing it and answers 404 to lower tiers, so offering it elsewhere would only lead to that 404.
    /// </summary>
    public static ModelList Offer(ModelList listed, long? tier, ModelAccessFacts facts)
    {
        if (facts.Refused.Count == 0 && facts.Works.Count == 0 && tier != TierTable.HighestTier)
        {
            return listed;
        }

        var chat = listed.Chat.Where(model => !facts.Refused.Contains(model.UpstreamId)).ToList();
        foreach (var id in LaneRouter.KnownUnlistedMultiAgentModels.Concat(facts.Works))
        {
            if ((tier == TierTable.HighestTier || facts.Works.Contains(id)) && !facts.Refused.Contains(id)
                && ModelKinds.KindOf(id) == ModelKinds.Chat && !chat.Any(model => model.UpstreamId == id))
            {
                chat.Add(Entry(id, ModelKinds.Chat, listed: false));
            }
        }

        return listed with { Chat = chat };
    }

    // Image and video models are not called through a chat lane, so they have none.
    private static ModelEntry Entry(string upstreamId, string kind, bool listed) =>
        new(ModelKinds.Prefix + upstreamId, upstreamId, kind == ModelKinds.Chat ? LaneRouter.Name(LaneRouter.LaneFor(upstreamId)) : null, kind, listed);
}
