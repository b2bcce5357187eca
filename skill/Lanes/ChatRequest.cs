namespace XaiGrok.Onboarding.Lanes;

/// <summary>A validated chat call: the upstream model id, its lane, the caller's messages, optional thinking effort.</summary>
internal sealed record ChatRequest(string UpstreamModel, Lane Lane, IReadOnlyList<ChatMessage> Messages, string? Effort, bool Stream)
{
    public string PublicModelId => Models.ModelKinds.Prefix + UpstreamModel;
}
