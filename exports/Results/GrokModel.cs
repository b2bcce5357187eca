using XaiGrok.Onboarding.Models;

namespace XaiGrok.Onboarding;

/// <summary>One model the account can use.</summary>
/// <param name="Id">The id to chat with, with the <c>xai-grok/</c> prefix.</param>
/// <param name="UpstreamId">xAI's own id.</param>
/// <param name="Lane">The API that serves it (<c>chat_completions</c> or <c>responses</c>); null for image and video models.</param>
/// <param name="Kind"><c>chat</c>, <c>image</c> or <c>video</c>.</param>
/// <param name="Listed">False for a model xAI serves without listing it (multi-agent models).</param>
public sealed record GrokModel(string Id, string UpstreamId, string? Lane, string Kind, bool Listed)
{
    internal static GrokModel From(ModelEntry model) => new(model.Id, model.UpstreamId, model.Lane, model.Kind, model.Listed);
}
