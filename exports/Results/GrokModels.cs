using XaiGrok.Onboarding.Models;

namespace XaiGrok.Onboarding;

/// <summary>The models the subscription unlocks, as <see cref="GrokSession.ModelsAsync"/> returns them.</summary>
/// <param name="List">The chat and media models, and when they were fetched.</param>
/// <param name="Cached">True when the list came from the cache rather than from xAI just now.</param>
/// <param name="Source">The credential's source (<c>oauth</c>, <c>oidc</c>, …), when a session is stored.</param>
public sealed record GrokModels(GrokModelList List, bool Cached, string? Source)
{
    /// <summary>The model chat uses when none is chosen (<c>xai-grok/grok-4.3</c>).</summary>
    public string DefaultModelId => ModelKinds.DefaultModelId;

    internal static GrokModels From(ModelsView view, string? source) => new(GrokModelList.From(view.List), view.Cached, source);
}
