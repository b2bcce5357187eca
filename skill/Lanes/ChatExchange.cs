using XaiGrok.Onboarding.Http;

namespace XaiGrok.Onboarding.Lanes;

/// <summary>A successful exchange: the reply (open when streamed), the lane that answered, whether it failed over.</summary>
internal sealed record ChatExchange(HttpReply Reply, Lane Lane, bool FailedOver);
