using System.CommandLine;

namespace XaiGrok.Onboarding.Cli;

/// <summary>
/// <c>image</c> and <c>video start</c> / <c>video poll</c>: the media models, whose output is written to files. The JSON
/// result lists the paths; the bytes never go to stdout.
/// </summary>
internal static class MediaCommands
{
    public static Command Image(Func<GrokOnboarding> module, TextWriter stdout)
    {
        var prompt = new Option<string>("--prompt", "-p") { Description = "What the image shows.", Required = true };
        var model = new Option<string?>("--model") { Description = "Image model (e.g. xai-grok/grok-imagine-image). Default: the first image model the subscription offers." };
        var count = new Option<int>("--n") { Description = "How many images, 1 to 10 (default 1).", DefaultValueFactory = _ => 1 };
        var output = new Option<string?>("--out", "-o") { Description = "File to write (several get -1, -2, ...), or a folder (ending in /). Default: media/ in the state folder." };
        var ratio = new Option<string?>("--aspect-ratio") { Description = "Aspect ratio such as 1:1 (default), 16:9 or 9:16." };
        var image = CliApplication.Verb("image", "Generate images with a grok-imagine model; prints the paths of the files written.", stdout,
            (result, ct) => module().ImageAsync(result.GetValue(prompt)!, result.GetValue(model), result.GetValue(count), result.GetValue(output), result.GetValue(ratio), ct));
        image.Options.Add(prompt);
        image.Options.Add(model);
        image.Options.Add(count);
        image.Options.Add(output);
        image.Options.Add(ratio);
        return image;
    }

    public static Command Video(Func<GrokOnboarding> module, TextWriter stdout)
    {
        var prompt = new Option<string>("--prompt", "-p") { Description = "What the video shows.", Required = true };
        var model = new Option<string?>("--model") { Description = "Video model (e.g. xai-grok/grok-imagine-video). Default: the first video model the subscription offers." };
        var duration = new Option<int?>("--duration") { Description = "Length in seconds, 1 to 15 (default 8)." };
        var ratio = new Option<string?>("--aspect-ratio") { Description = "Aspect ratio such as 16:9 (default), 1:1 or 9:16." };
        var resolution = new Option<string?>("--resolution") { Description = "480p or 720p (default)." };
        var start = CliApplication.Verb("start", "Ask for a video; prints its request_id and when to poll.", stdout,
            (result, ct) => module().VideoStartAsync(result.GetValue(prompt)!, result.GetValue(model), result.GetValue(duration), result.GetValue(ratio), result.GetValue(resolution), ct));
        start.Options.Add(prompt);
        start.Options.Add(model);
        start.Options.Add(duration);
        start.Options.Add(ratio);
        start.Options.Add(resolution);

        var requestId = new Option<string?>("--request-id") { Description = "The request_id that video start returned (default: the newest video request)." };
        var output = new Option<string?>("--out", "-o") { Description = "File to write the video to, or a folder (ending in /). Default: media/ in the state folder." };
        var poll = CliApplication.Verb("poll", "Check once whether the video is done (never sooner than retry_after_seconds); downloads it when it is.", stdout,
            (result, ct) => module().VideoPollAsync(result.GetValue(requestId), result.GetValue(output), ct));
        poll.Options.Add(requestId);
        poll.Options.Add(output);

        return new Command("video", "Make a video with a grok-imagine model: video start, then video poll (from any process) until it is done.") { start, poll };
    }
}
