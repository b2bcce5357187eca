namespace XaiGrok.Onboarding.Provider;

/// <summary>
/// Reads one of the provider's pipes from the moment it starts: keeps the first bytes up to a cap and drains and
/// drops the rest, so a provider that writes gigabytes neither fills our memory nor blocks on a full pipe. What was
/// kept can be taken at any time, without waiting for the end of the pipe, which a detached grandchild of the
/// provider may hold open long after the provider itself has exited.
/// </summary>
internal sealed class CappedPipe : IDisposable
{
    private readonly Lock gate = new();
    private readonly CancellationTokenSource stop = new();
    private readonly Stream stream;
    private readonly byte[] kept;
    private int length;
    private bool overflowed;

    public CappedPipe(Stream stream, int capBytes)
    {
        this.stream = stream;
        kept = new byte[capBytes];
        Drained = DrainAsync();
    }

    /// <summary>Completes when the pipe reached its end (every writer closed it) or could no longer be read.</summary>
    public Task Drained { get; }

    /// <summary>The bytes kept so far, and whether more than the cap arrived.</summary>
    public (byte[] Bytes, bool Overflowed) Snapshot()
    {
        lock (gate)
        {
            return (kept[..length], overflowed);
        }
    }

    /// <summary>Stops reading and closes our end of the pipe; a writer still holding it gets EPIPE, not us.</summary>
    public void Dispose()
    {
        stop.Cancel();
        stream.Dispose();
        stop.Dispose();
    }

    private Task DrainAsync() => PipeDrain.RunAsync(stream, Keep, stop.Token);

    private void Keep(ReadOnlySpan<byte> chunk)
    {
        lock (gate)
        {
            var room = kept.Length - length;
            if (chunk.Length > room)
            {
                overflowed = true;
            }

            var taken = Math.Min(room, chunk.Length);
            chunk[..taken].CopyTo(kept.AsSpan(length));
            length += taken;
        }
    }
}
