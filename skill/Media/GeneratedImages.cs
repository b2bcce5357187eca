namespace XaiGrok.Onboarding.Media;

/// <summary>Images written to disk: the model that made them (upstream id) and the full path of each file.</summary>
internal sealed record GeneratedImages(string Model, IReadOnlyList<string> Files);
