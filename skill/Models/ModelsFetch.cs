using XaiGrok.Onboarding.Errors;

namespace XaiGrok.Onboarding.Models;

/// <summary>A <c>/v1/models</c> call's end: the upstream ids, or the failure.</summary>
internal sealed record ModelsFetch(IReadOnlyList<string>? UpstreamIds, Failure? Failure);
