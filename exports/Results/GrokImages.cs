using XaiGrok.Onboarding.Media;
using XaiGrok.Onboarding.Models;

namespace XaiGrok.Onboarding;

/// <summary>Images generated and written to disk (never their bytes).</summary>
/// <param name="Model">The image model that made them, with the <c>xai-grok/</c> prefix.</param>
/// <param name="Files">The full path of each file written.</param>
public sealed record GrokImages(string Model, IReadOnlyList<string> Files)
{
    internal static GrokImages From(GeneratedImages images) => new(ModelKinds.Prefix + images.Model, images.Files.ToArray());
}
