using System.Text;

namespace XaiGrok.Emulator;

/// <summary>
/// A text/event-stream answer, flushed after every event. Under a <see cref="StreamCut"/> fault the stream is cut
/// once that many events are out: the client gets those events, then the connection closes mid-body.
/// </summary>
/// <remarks>
/// The cut frames the chunked body itself and closes without the last chunk, rather than calling
/// <see cref="HttpContext.Abort"/>: an abort resets the socket and can discard events still in Kestrel's output
/// pipe, so the client would see a varying number of events (or none and no headers). A close without the last
/// chunk is what a proxy dropping the upstream looks like, and HttpClient reports it as a premature end.
/// </remarks>
internal sealed class EventStream(HttpContext context)
{
    private readonly int? cutAfter = context.Features.Get<StreamCut>()?.AfterEvents;
    private int sent;

    /// <summary>False once the stream is over early (cut on purpose or closed by the client).</summary>
    public bool IsOpen { get; private set; } = true;

    private bool FramesChunks => cutAfter is not null;

    public async Task StartAsync()
    {
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        if (FramesChunks)
        {
            // Kestrel leaves the framing to the app when the app names the transfer coding.
            response.Headers.TransferEncoding = "chunked";
            response.Headers.Connection = "close";
        }

        await Guard(async ct =>
        {
            await response.StartAsync(ct);
            await response.Body.FlushAsync(ct);
        });
        CutIfDue();
    }

    /// <summary>Sends <c>event: name</c> (when given) and <c>data: data</c>.</summary>
    public async Task SendAsync(string? name, string data)
    {
        if (!IsOpen)
        {
            return;
        }

        var text = name is null ? $"data: {data}\n\n" : $"event: {name}\ndata: {data}\n\n";
        if (FramesChunks)
        {
            text = $"{Encoding.UTF8.GetByteCount(text):X}\r\n{text}\r\n";
        }

        await Guard(async ct =>
        {
            await context.Response.WriteAsync(text, ct);
            await context.Response.Body.FlushAsync(ct);
        });
        sent++;
        CutIfDue();
    }

    /// <summary>Ends a stream that ran to its end; a cut one stays without its last chunk.</summary>
    public async Task EndAsync()
    {
        if (IsOpen && FramesChunks)
        {
            await Guard(ct => context.Response.WriteAsync("0\r\n\r\n", ct));
        }
    }

    private void CutIfDue()
    {
        if (IsOpen && sent >= cutAfter)
        {
            IsOpen = false;
        }
    }

    private async Task Guard(Func<CancellationToken, Task> write)
    {
        try
        {
            await write(context.RequestAborted);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException)
        {
            IsOpen = false;
        }
    }
}
