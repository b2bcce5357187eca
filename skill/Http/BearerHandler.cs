using System.Net;
using System.Net.Http.Headers;
using XaiGrok.Onboarding.Credentials;
using XaiGrok.Onboarding.Protocol;

namespace XaiGrok.Onboarding.Http;

/// <summary>
/// The one implementation of "a 401, or a 403 <c>unauthenticated:bad-credentials</c>, refreshes once and retries once;
/// any other 403 never refreshes", for chat, models, media and a host's own client. It holds no user: a request brings
/// its credential source (<see cref="BearerRequestOptions.Source"/>), so one instance serves every user of a process,
/// and a request without one (discovery, the token endpoint, device authorization) passes untouched.
/// The bearer is set here, over whatever a client put there. Only the request body is kept, for the one retry: an
/// answer is never read, except the body of a 403 (up to a cap), which tells an expired token from a refusal.
/// </summary>
internal sealed class BearerHandler(int maxErrorBodyBytes) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (!request.Options.TryGetValue(BearerRequestOptions.Source, out var source))
        {
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }

        request.Options.TryGetValue(BearerRequestOptions.UpstreamModel, out var upstreamModel);
        var resolved = await source.ResolveAsync(upstreamModel, cancellationToken).ConfigureAwait(false);
        if (!resolved.IsSuccess)
        {
            request.Options.Set(BearerRequestOptions.Failure, resolved.Failure);
            return AuthenticationRefusal.For(resolved.Failure, request);
        }

        // The retry sends this same request again: a body that can be read only once is buffered first.
        if (request.Content is { } content and not (ByteArrayContent or ReadOnlyMemoryContent))
        {
            await content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
        }

        var bearer = resolved.Value;
        var response = await SendWithAsync(request, bearer, cancellationToken).ConfigureAwait(false);
        if (bearer.IsApiKey || !await SaysExpiredAsync(response, cancellationToken).ConfigureAwait(false))
        {
            return response;
        }

        var renewed = await source.RefreshAsync(bearer, cancellationToken).ConfigureAwait(false);
        if (!renewed.IsSuccess)
        {
            // The refusal goes back as it came (a host's client sees xAI's answer); the engine's sender reports the failure.
            request.Options.Set(BearerRequestOptions.Failure, renewed.Failure);
            return response;
        }

        response.Dispose();
        return await SendWithAsync(request, renewed.Value, cancellationToken).ConfigureAwait(false);
    }

    private Task<HttpResponseMessage> SendWithAsync(HttpRequestMessage request, Bearer bearer, CancellationToken cancellationToken)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue(OAuthConstants.BearerTokenType, bearer.Token);
        return base.SendAsync(request, cancellationToken);
    }

    private async Task<bool> SaysExpiredAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.StatusCode is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden))
        {
            return false;
        }

        // A body longer than the cap is no "bad credentials" answer: it stays unread for the caller, whose limit sees it.
        var body = response.StatusCode == HttpStatusCode.Unauthorized || response.Content.Headers.ContentLength > maxErrorBodyBytes
            ? []
            : await KeepBodyAsync(response, cancellationToken).ConfigureAwait(false);
        var reply = new HttpReply(response.StatusCode, body, null, null) { BodyTooLarge = body.Length > maxErrorBodyBytes };
        return ApiErrorClassifier.Classify(reply) == ApiErrorKind.CredentialsExpired;
    }

    // Reads at most one byte past the cap and puts what it read back as the answer's body, so the caller reads the same
    // bytes (and a body past the cap is still past it for the caller's own limit).
    private async Task<byte[]> KeepBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var original = response.Content;
        using var buffer = new MemoryStream();
        await using (var stream = await original.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false))
        {
            var chunk = new byte[16 * 1024];
            int read;
            while (buffer.Length <= maxErrorBodyBytes
                && (read = await stream.ReadAsync(chunk.AsMemory(0, (int)Math.Min(chunk.Length, maxErrorBodyBytes + 1 - buffer.Length)), cancellationToken).ConfigureAwait(false)) > 0)
            {
                buffer.Write(chunk, 0, read);
            }
        }

        var body = buffer.ToArray();
        var kept = new ByteArrayContent(body);
        foreach (var header in original.Headers.Where(header => !header.Key.Equals("Content-Length", StringComparison.OrdinalIgnoreCase)))
        {
            kept.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        original.Dispose();
        response.Content = kept;
        return body;
    }
}
