namespace XaiGrok.Onboarding.Models;

/// <summary>One model as the module offers it: <c>xai-grok/</c> id, the upstream id, its lane (none for image and video models) and kind.</summary>
internal sealed record ModelEntry(string Id, string UpstreamId, string? Lane, string Kind, bool Listed);
