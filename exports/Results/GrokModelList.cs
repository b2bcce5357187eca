using XaiGrok.Onboarding.Models;

namespace XaiGrok.Onboarding;

/// <summary>The models an account can use: chat models (for the picker) apart from image and video ones.</summary>
/// <param name="Chat">The chat models.</param>
/// <param name="Media">The image and video models (<c>grok-imagine-*</c>).</param>
/// <param name="FetchedAt">When the list was fetched from xAI.</param>
public sealed record GrokModelList(IReadOnlyList<GrokModel> Chat, IReadOnlyList<GrokModel> Media, DateTimeOffset FetchedAt)
{
    internal static GrokModelList From(ModelList list) =>
        new(list.Chat.Select(GrokModel.From).ToArray(), list.Media.Select(GrokModel.From).ToArray(), list.FetchedAt);
}
