namespace XaiGrok.Onboarding.Models;

/// <summary>The models an account can use, chat models apart from image and video ones, and when it was learned.</summary>
internal sealed record ModelList(IReadOnlyList<ModelEntry> Chat, IReadOnlyList<ModelEntry> Media, DateTimeOffset FetchedAt);
