namespace XaiGrok.Onboarding.Models;

/// <summary>A model list as served to a caller: whether it came from the cache.</summary>
internal sealed record ModelsView(ModelList List, bool Cached);
