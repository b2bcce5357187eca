namespace XaiGrok.Onboarding.Media;

/// <summary>An image generation as asked for, checked: the model is chosen later (it may need the model list).</summary>
internal sealed record ImageRequest(string Prompt, string? Model, int Count, string AspectRatio, string? OutPath);
