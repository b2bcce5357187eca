namespace XaiGrok.Onboarding.Media;

/// <summary>A video as asked for, checked; the model is chosen later.</summary>
internal sealed record VideoSpec(string Prompt, string? Model, int DurationSeconds, string AspectRatio, string Resolution);
