using XaiGrok.Onboarding.Models;

namespace XaiGrok.Onboarding;

/// <summary>The model chat now uses by default, after use-model.</summary>
/// <param name="Model">The model chosen.</param>
public sealed record GrokModelChoice(GrokModel Model)
{
    internal static GrokModelChoice From(ModelChoice choice) => new(GrokModel.From(choice.Model));
}
