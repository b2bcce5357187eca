using System.Net.Http.Headers;
using XaiGrok.Onboarding.Errors;
using XaiGrok.Onboarding.Http;
using XaiGrok.Onboarding.Models;
using XaiGrok.Onboarding.Protocol;
using XaiGrok.Onboarding.Storage;

namespace XaiGrok.Onboarding.Media;

/// <summary>
/// Video generation across processes, like the device sign-in: <see cref="StartAsync"/> asks for the video and saves
/// the request; <see cref="PollAsync"/> (maybe in another process) asks its status at most once, never before the
/// request's next poll time, and downloads the video when it is done.
/// </summary>
internal sealed class VideoService(MediaApi api, ModelService models, VideoRequestStore store, VideoDownloader downloader, MediaFiles files, StatePaths paths, Uri apiBase, MediaLimits limits, TimeProvider clock, TimeSpan lockTimeout)
{
    private readonly string videosUrl = apiBase.AbsoluteUri.TrimEnd('/') + "/videos/";

    public async Task<Outcome<VideoPoll>> StartAsync(VideoSpec spec, CancellationToken cancellationToken)
    {
        var model = await MediaModels.ChooseAsync(spec.Model, ModelKinds.Video, models, cancellationToken).ConfigureAwait(false);
        if (!model.IsSuccess)
        {
            return model.Failure;
        }

        var what = $"the video generation with {ModelKinds.Prefix}{model.Value}";
        var body = MediaRequestBodies.Video(model.Value, spec);
        var sent = await api.SendAsync(
            model.Value,
            () =>
            {
                var message = new HttpRequestMessage(HttpMethod.Post, new Uri(videosUrl + "generations")) { Content = new ByteArrayContent(body) };
                message.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                return message;
            },
            RequestKind.ChatPost,
            what,
            cancellationToken).ConfigureAwait(false);
        if (!sent.IsSuccess)
        {
            return sent.Failure;
        }

        if (sent.Value.BodyTooLarge || VideoAnswerReader.RequestId(sent.Value.Body) is not { } requestId)
        {
            return new Failure(ErrorCodes.InvalidResponse, $"{what} answered without a usable request_id.", "Try again; if it persists, report it with this detail.");
        }

        var now = clock.GetUtcNow();
        var request = new VideoRequest { RequestId = requestId, Model = model.Value, CreatedAt = now, NextPollAt = now + Wait(sent.Value) };
        using (await LockAsync(cancellationToken).ConfigureAwait(false))
        {
            foreach (var stale in store.All().Where(old => old.CreatedAt + limits.KeepRequestsFor <= now))
            {
                store.Remove(stale.RequestId);
            }

            store.Save(request);
        }

        return new VideoPoll(request, SecondsUntil(request.NextPollAt));
    }

    public async Task<Outcome<VideoPoll>> PollAsync(string? requestId, string? outPath, CancellationToken cancellationToken)
    {
        VideoRequest request;
        using (await LockAsync(cancellationToken).ConfigureAwait(false))
        {
            var found = requestId is null ? store.All().FirstOrDefault() : store.Load(requestId);
            if (found is null)
            {
                return new Failure(
                    ErrorCodes.NoPendingFlow,
                    requestId is null ? "no video request is waiting." : $"no video request is kept under request_id {Printable(requestId)}.",
                    "Run video start first; poll with the request_id it returned.");
            }

            if (found.IsDone && File.Exists(found.File))
            {
                return new VideoPoll(found, 0);
            }

            var now = clock.GetUtcNow();
            if (now < found.NextPollAt)
            {
                return new VideoPoll(found, SecondsUntil(found.NextPollAt));
            }

            // Claimed before the request goes out: another poller meanwhile finds it not due and sends nothing.
            request = found with { Status = VideoRequest.Pending, File = null, NextPollAt = now + limits.VideoPollInterval };
            store.Save(request);
        }

        var gone = new Failure(ErrorCodes.Expired, $"xAI no longer knows the video request {request.RequestId}.", "Run video start again.");
        var sent = await api.SendAsync(
            request.Model,
            () => new HttpRequestMessage(HttpMethod.Get, new Uri(videosUrl + Uri.EscapeDataString(request.RequestId))),
            RequestKind.Idempotent,
            "the video status request",
            cancellationToken,
            whenNotFound: gone).ConfigureAwait(false);
        if (!sent.IsSuccess)
        {
            return await FailedAsync(request, sent.Failure, cancellationToken).ConfigureAwait(false);
        }

        var status = sent.Value.BodyTooLarge ? null : VideoAnswerReader.Status(sent.Value.Body);
        switch (status?.Status)
        {
            case VideoRequest.Pending:
                return await SaveAsync(request with { NextPollAt = clock.GetUtcNow() + Wait(sent.Value) }, cancellationToken).ConfigureAwait(false);
            case VideoRequest.Done:
                return await DownloadAsync(request, status.Url!, outPath, cancellationToken).ConfigureAwait(false);
            case VideoStatus.Failed:
                return await FailedAsync(request, new Failure(ErrorCodes.GenerationFailed, $"xAI could not make the video {request.RequestId}{(status.Message is { } said ? ": " + said : ".")}", "Change the prompt (it may have been refused by moderation) and run video start again."), cancellationToken).ConfigureAwait(false);
            case VideoStatus.Expired:
                return await FailedAsync(request, new Failure(ErrorCodes.Expired, $"the video request {request.RequestId} expired before it was downloaded.", "Run video start again, and poll within its lifetime."), cancellationToken).ConfigureAwait(false);
            default:
                return new Failure(ErrorCodes.InvalidResponse, "the video status answer is not {status: pending|done|failed|expired} with video.url when done.", "Poll again later; if it persists, report it with this detail.") { RetryAfterSeconds = SecondsUntil(request.NextPollAt) };
        }
    }

    private async Task<Outcome<VideoPoll>> DownloadAsync(VideoRequest request, Uri link, string? outPath, CancellationToken cancellationToken)
    {
        var target = files.VideoPath(outPath, request.RequestId);
        Outcome<long> saved;
        try
        {
            files.PrepareFolderFor(target);
            saved = await downloader.DownloadAsync(link, request.Model, target, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is StorageException or IOException or UnauthorizedAccessException && !files.IsOwn(target))
        {
            saved = new Failure(ErrorCodes.InvalidRequest, $"the video could not be written to {target}: {exception.Message}", "Poll again with --out naming a folder you can write to, or without --out to use the media folder.");
        }

        if (!saved.IsSuccess)
        {
            // The video is still done at xAI: the next poll asks again and downloads again.
            return saved.Failure with { RetryAfterSeconds = saved.Failure.RetryAfterSeconds ?? SecondsUntil(request.NextPollAt) };
        }

        var done = await SaveAsync(request with { Status = VideoRequest.Done, File = target }, cancellationToken).ConfigureAwait(false);
        return done.IsSuccess ? done.Value with { Bytes = saved.Value } : done;
    }

    private async Task<Outcome<VideoPoll>> SaveAsync(VideoRequest request, CancellationToken cancellationToken)
    {
        using (await LockAsync(cancellationToken).ConfigureAwait(false))
        {
            // Another process may have finished it meanwhile: its download stands.
            if (store.Load(request.RequestId) is { IsDone: true } finished && File.Exists(finished.File))
            {
                return new VideoPoll(finished, 0);
            }

            store.Save(request);
        }

        return new VideoPoll(request, request.IsDone ? 0 : SecondsUntil(request.NextPollAt));
    }

    private async Task<Outcome<VideoPoll>> FailedAsync(VideoRequest request, Failure failure, CancellationToken cancellationToken)
    {
        if (failure.Code is ErrorCodes.GenerationFailed or ErrorCodes.Expired)
        {
            using (await LockAsync(cancellationToken).ConfigureAwait(false))
            {
                store.Remove(request.RequestId);
            }

            return failure;
        }

        return failure with { RetryAfterSeconds = failure.RetryAfterSeconds ?? SecondsUntil(request.NextPollAt) };
    }

    // The API's Retry-After when it names one, within bounds; else the default interval.
    private TimeSpan Wait(HttpReply reply) => reply.RetryAfter is { } asked
        ? TimeSpan.FromSeconds(Math.Clamp(Math.Ceiling(asked.TotalSeconds), 1, limits.LongestVideoPollInterval.TotalSeconds))
        : limits.VideoPollInterval;

    private Task<CrossProcessLock> LockAsync(CancellationToken cancellationToken) =>
        CrossProcessLock.AcquireAsync(paths.VideoLock, lockTimeout, clock, cancellationToken);

    private int SecondsUntil(DateTimeOffset moment) => (int)Math.Max(0, Math.Ceiling((moment - clock.GetUtcNow()).TotalSeconds));

    private static string Printable(string text) => PrintableText.Clean(text, 64, TextKind.Word);
}
