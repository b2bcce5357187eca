using XaiGrok.Onboarding.Lanes;

namespace XaiGrok.Onboarding.Models;

/// <summary>
/// Turns the upstream model ids into the module's list: prefixed ids, a lane each, media models apart, and the known
/// multi-agent models that the list omits added with <c>listed: false</c>.
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

        foreach (var id in LaneRouter.KnownUnlistedMultiAgentModels)
        {
            if (seen.Add(id))
            {
                chat.Add(Entry(id, ModelKinds.Chat, listed: false));
            }
        }

        return new ModelList(chat, media, fetchedAt);
    }

    // Image and video models are not called through a chat lane, so they have none.
    private static ModelEntry Entry(string upstreamId, string kind, bool listed) =>
        new(ModelKinds.Prefix + upstreamId, upstreamId, kind == ModelKinds.Chat ? LaneRouter.Name(LaneRouter.LaneFor(upstreamId)) : null, kind, listed);
}
