using XaiGrok.Onboarding.Config;
using XaiGrok.Onboarding.Errors;
using XaiGrok.Onboarding.Http;
using XaiGrok.Onboarding.Storage;

namespace XaiGrok.Onboarding.Media;

/// <summary>
/// Downloads a finished video to a file, streamed and bounded, written atomically (0600). The bearer goes only to the
/// API's own origin: a link on any other host is fetched without it, and only over https (plain http on loopback).
/// </summary>
internal sealed class VideoDownloader(MediaApi api, Func<HttpSender> http, Uri apiBase, MediaLimits limits, TimeProvider clock)
{
    private const string What = "the video download";

    public async Task<Outcome<long>> DownloadAsync(Uri link, string model, string target, CancellationToken cancellationToken)
    {
        if (!EndpointRules.IsAllowedTransport(link))
        {
            return new Failure(ErrorCodes.InvalidResponse, $"the video's link is not https ({link.Scheme}://{link.Authority}); it was not fetched.", "Report it with this detail; the video is still listed at xAI.");
        }

        HttpRequestMessage Build()
        {
            var message = new HttpRequestMessage(HttpMethod.Get, link);
            message.Headers.Accept.ParseAdd("video/mp4");
            message.Headers.Accept.ParseAdd("*/*");
            return message;
        }

        var sent = IsApiOrigin(link)
            ? await api.SendAsync(model, Build, RequestKind.Idempotent, What, cancellationToken, streamOnSuccess: true).ConfigureAwait(false)
            : await ForeignAsync(Build, link, cancellationToken).ConfigureAwait(false);
        if (!sent.IsSuccess)
        {
            return sent.Failure;
        }

        using var response = sent.Value.OpenResponse!;
        var copied = CopyResult.Complete;
        var kept = await AtomicFile.WriteStreamAsync(target, async file =>
        {
            copied = await BoundedCopy.CopyAsync(response, file, limits.MaxDownloadBytes, limits.IdleTimeout, clock, cancellationToken).ConfigureAwait(false);
            return copied == CopyResult.Complete;
        }).ConfigureAwait(false);
        return kept
            ? new FileInfo(target).Length
            : copied switch
            {
                CopyResult.TooLarge => new Failure(ErrorCodes.InvalidResponse, $"the video is larger than the {limits.MaxDownloadBytes} bytes allowed; nothing was kept.", $"Raise {EnvironmentVariables.MediaMaxBytes} and poll again."),
                _ => new Failure(ErrorCodes.NetworkError, "the video download was cut off before it was complete; nothing was kept.", "Poll again to download it again."),
            };
    }

    private bool IsApiOrigin(Uri link) =>
        Uri.Compare(link, apiBase, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0;

    private async Task<Outcome<HttpReply>> ForeignAsync(Func<HttpRequestMessage> build, Uri link, CancellationToken cancellationToken)
    {
        var sent = await http().SendAsync(build, RequestKind.Idempotent, cancellationToken, streamOnSuccess: true).ConfigureAwait(false);
        if (!sent.IsSuccess || sent.Value.IsSuccess)
        {
            return sent;
        }

        // A file host's refusal says nothing about the xAI session: no refresh, no account hints.
        var status = sent.Value.StatusCode;
        return status >= 500
            ? new Failure(ErrorCodes.UpstreamUnavailable, $"{What} from {link.Authority} failed (HTTP {status}).", "Poll again shortly.")
            : new Failure(ErrorCodes.InvalidResponse, $"{What} from {link.Authority} was refused (HTTP {status}).", "Poll again; if it keeps failing, start the video again.");
    }
}
