using System.Net.Http.Headers;
using XaiGrok.Onboarding.Errors;
using XaiGrok.Onboarding.Http;
using XaiGrok.Onboarding.Models;
using XaiGrok.Onboarding.Storage;

namespace XaiGrok.Onboarding.Media;

/// <summary>
/// <c>POST {api}/images/generations</c> with <c>response_format: "b64_json"</c>: the answer is read up to a bound, each
/// image decoded and written to its own file. Sent like a chat call (<see cref="RequestKind.ChatPost"/>): an image is
/// paid for, so it is never asked for twice unless the request provably did not reach the model.
/// </summary>
internal sealed class ImageService(MediaApi api, ModelService models, MediaFiles files, Uri apiBase, MediaLimits limits, TimeProvider clock)
{
    private readonly Uri url = new(apiBase.AbsoluteUri.TrimEnd('/') + "/images/generations");

    public async Task<Outcome<GeneratedImages>> GenerateAsync(ImageRequest request, CancellationToken cancellationToken)
    {
        var model = await MediaModels.ChooseAsync(request.Model, ModelKinds.Image, models, cancellationToken).ConfigureAwait(false);
        if (!model.IsSuccess)
        {
            return model.Failure;
        }

        var what = $"the image generation with {ModelKinds.Prefix}{model.Value}";
        var body = MediaRequestBodies.Image(model.Value, request);
        var sent = await api.SendAsync(
            model.Value,
            () =>
            {
                var message = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
                message.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                return message;
            },
            RequestKind.ChatPost,
            what,
            cancellationToken,
            streamOnSuccess: true).ConfigureAwait(false);
        if (!sent.IsSuccess)
        {
            return sent.Failure;
        }

        var answer = await ReadAsync(sent.Value.OpenResponse!, cancellationToken).ConfigureAwait(false);
        if (!answer.IsSuccess)
        {
            return answer.Failure;
        }

        if (ImageAnswerReader.Images(answer.Value, request.Count) is not { } images)
        {
            return new Failure(ErrorCodes.InvalidResponse, $"{what} answered something other than data[].b64_json images.", "Try again; if it persists, report it with this detail.");
        }

        return Write(images, request.OutPath, model.Value);
    }

    private async Task<Outcome<ReadOnlyMemory<byte>>> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        using (response)
        {
            using var buffer = new MemoryStream();
            var copied = await BoundedCopy.CopyAsync(response, buffer, limits.MaxImageAnswerBytes, limits.IdleTimeout, clock, cancellationToken).ConfigureAwait(false);
            return copied switch
            {
                CopyResult.Complete => new ReadOnlyMemory<byte>(buffer.GetBuffer(), 0, (int)buffer.Length),
                CopyResult.TooLarge => new Failure(ErrorCodes.InvalidResponse, $"the image answer is larger than the {limits.MaxImageAnswerBytes} bytes allowed.", $"Ask for fewer images (--n), or raise {Config.EnvironmentVariables.MediaMaxBytes}."),
                _ => new Failure(ErrorCodes.NetworkError, "the image answer was cut off before it was complete.", Hints.CheckNetwork),
            };
        }
    }

    private Outcome<GeneratedImages> Write(IReadOnlyList<byte[]> images, string? outPath, string model)
    {
        var paths = files.ImagePaths(outPath, images.Count, ImageFormat.ExtensionOf(images[0]));
        try
        {
            files.PrepareFolderFor(paths[0]);
            for (var index = 0; index < images.Count; index++)
            {
                AtomicFile.Write(paths[index], images[index]);
            }
        }
        catch (Exception exception) when (exception is StorageException or IOException or UnauthorizedAccessException && !files.IsOwn(paths[0]))
        {
            return new Failure(ErrorCodes.InvalidRequest, $"the images could not be written to {Path.GetDirectoryName(paths[0])}: {exception.Message}", "Pass --out with a folder you can write to, or leave it out to use the media folder.");
        }

        return new GeneratedImages(model, paths);
    }
}
