namespace XaiGrok.Onboarding.Lanes;

/// <summary>
/// Wraps a server-sent event stream and stops it when one event (all its lines up to the blank line that ends it)
/// grows past <paramref name="maxEventBytes"/>: the SSE parser buffers a line, and an event's data lines, until they
/// end, so a line that never ends, or an event that never does, would otherwise grow without bound.
/// </summary>
internal sealed class EventSizeLimit(Stream inner, int maxEventBytes) : Stream
{
    private long eventBytes;
    private bool lineHasContent;
    private bool afterCarriageReturn;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Count(buffer.AsSpan(offset, inner.Read(buffer, offset, count)));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        return Count(buffer.Span[..read]);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    // Line ends are CR, LF or CRLF (the SSE grammar); an empty line ends the event.
    private int Count(ReadOnlySpan<byte> read)
    {
        foreach (var b in read)
        {
            if (b is (byte)'\r' or (byte)'\n')
            {
                var secondHalfOfCrLf = b == '\n' && afterCarriageReturn;
                afterCarriageReturn = b == '\r';
                if (secondHalfOfCrLf)
                {
                    continue;
                }

                if (!lineHasContent)
                {
                    eventBytes = 0;
                }

                lineHasContent = false;
                continue;
            }

            afterCarriageReturn = false;
            lineHasContent = true;
            if (++eventBytes > maxEventBytes)
            {
                throw new EventTooLargeException(maxEventBytes);
            }
        }

        return read.Length;
    }
}
