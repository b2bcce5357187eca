namespace XaiGrok.Onboarding.Lanes;

/// <summary>A validated chat call: the upstream model id, the caller's messages, optional thinking effort (the lane is chosen when it is sent).</summary>
internal sealed record ChatRequest(string UpstreamModel, IReadOnlyList<ChatMessage> Messages, string? Effort, bool Stream)
{
    public string PublicModelId => Models.ModelKinds.Prefix + UpstreamModel;
}
