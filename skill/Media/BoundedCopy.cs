using System.Buffers;

namespace XaiGrok.Onboarding.Media;

/// <summary>
/// Copies an answer's body in chunks, stopping at a byte bound and after a silence: a server that sends more than it
/// may, or stops sending, never fills the memory or the disk, nor holds the caller forever. A failure to write to
/// <c>destination</c> is not the server's: it escapes as the exception it is.
/// </summary>
internal static class BoundedCopy
{
    public static async Task<CopyResult> CopyAsync(HttpResponseMessage response, Stream destination, long maxBytes, TimeSpan idleTimeout, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (response.Content.Headers.ContentLength > maxBytes)
        {
            return CopyResult.TooLarge;
        }

        using var idle = new CancellationTokenSource(idleTimeout, clock);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, idle.Token);
        var chunk = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            await using var body = await response.Content.ReadAsStreamAsync(linked.Token).ConfigureAwait(false);
            long total = 0;
            while (true)
            {
                int read;
                try
                {
                    read = await body.ReadAsync(chunk, linked.Token).ConfigureAwait(false);
                }
                catch (Exception exception) when (exception is IOException or HttpRequestException)
                {
                    return CopyResult.Broken;
                }

                if (read == 0)
                {
                    return CopyResult.Complete;
                }

                total += read;
                if (total > maxBytes)
                {
                    return CopyResult.TooLarge;
                }

                await destination.WriteAsync(chunk.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                idle.CancelAfter(idleTimeout);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return CopyResult.Stalled;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
    }
}
