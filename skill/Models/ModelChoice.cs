namespace XaiGrok.Onboarding.Models;

/// <summary>The outcome of <c>use-model</c>: the model now selected.</summary>
internal sealed record ModelChoice(ModelEntry Model);
