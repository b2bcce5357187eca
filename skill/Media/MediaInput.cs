using XaiGrok.Onboarding.Errors;

namespace XaiGrok.Onboarding.Media;

/// <summary>Checks what a caller asks of the media models before any request: a typed refusal names what to fix.</summary>
internal static class MediaInput
{
    public const int MaxImages = 10;
    public const int MaxPromptLength = 10_000;
    public const string DefaultImageAspectRatio = "1:1";
    public const string DefaultVideoAspectRatio = "16:9";
    public const string DefaultResolution = "720p";
    public const int DefaultDurationSeconds = 8;
    private const int MaxDurationSeconds = 15;

    public static Outcome<ImageRequest> Image(string? prompt, string? model, int? count, string? aspectRatio, string? outPath)
    {
        if (Prompt(prompt) is { } bad)
        {
            return bad;
        }

        if (count is < 1 or > MaxImages)
        {
            return Invalid($"n must be between 1 and {MaxImages} (not {count}).", "Pass --n 1 to 10, or leave it out for one image.");
        }

        if (AspectRatio(aspectRatio) is { } badRatio)
        {
            return badRatio;
        }

        return OutPath(outPath) ?? (Outcome<ImageRequest>)new ImageRequest(prompt!.Trim(), model, count ?? 1, aspectRatio ?? DefaultImageAspectRatio, outPath);
    }

    public static Outcome<VideoSpec> Video(string? prompt, string? model, int? durationSeconds, string? aspectRatio, string? resolution)
    {
        if (Prompt(prompt) is { } bad)
        {
            return bad;
        }

        if (durationSeconds is < 1 or > MaxDurationSeconds)
        {
            return Invalid($"duration must be between 1 and {MaxDurationSeconds} seconds (not {durationSeconds}).", $"Pass a duration from 1 to {MaxDurationSeconds}, or leave it out for {DefaultDurationSeconds} s.");
        }

        if (AspectRatio(aspectRatio) is { } badRatio)
        {
            return badRatio;
        }

        if (resolution is not null && !(resolution.Length is >= 4 and <= 6 && resolution.EndsWith('p') && resolution[..^1].All(char.IsAsciiDigit)))
        {
            return Invalid("resolution must look like 480p or 720p.", "Pass 480p or 720p, or leave it out.");
        }

        return new VideoSpec(prompt!.Trim(), model, durationSeconds ?? DefaultDurationSeconds, aspectRatio ?? DefaultVideoAspectRatio, resolution ?? DefaultResolution);
    }

    private static Failure? Prompt(string? prompt) =>
        string.IsNullOrWhiteSpace(prompt) ? Invalid("no prompt was given.", "Pass --prompt \"what to make\".")
        : prompt.Length > MaxPromptLength ? Invalid($"the prompt is {prompt.Length} characters; at most {MaxPromptLength} are sent.", "Shorten the prompt.")
        : null;

    private static Failure? AspectRatio(string? ratio)
    {
        if (ratio is null)
        {
            return null;
        }

        var parts = ratio.Split(':');
        return parts.Length == 2 && parts.All(part => part.Length is >= 1 and <= 2 && part.All(char.IsAsciiDigit))
            ? null
            : Invalid("aspect_ratio must look like 1:1 or 16:9.", "Pass a ratio such as 1:1, 16:9 or 9:16, or leave it out.");
    }

    /// <summary>A refusal for an output path that is no path at all (empty, or holding a NUL); null when it may be tried.</summary>
    public static Failure? OutPath(string? outPath) =>
        outPath is not null && (outPath.Length == 0 || outPath.Contains('\0', StringComparison.Ordinal))
            ? Invalid("the output path is empty or not a path.", "Pass --out with a file or folder path, or leave it out to use the media folder.")
            : null;

    private static Failure Invalid(string detail, string hint) => new(ErrorCodes.InvalidRequest, detail, hint);
}
