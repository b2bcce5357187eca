namespace XaiGrok.Onboarding.Provider;

/// <summary>
/// The read loop both provider pipes share (<see cref="CappedPipe"/>, <see cref="LinePipe"/>): chunks go to
/// <c>take</c> until the pipe ends or is closed under the read, which is expected when the run ends while a detached
/// grandchild still holds the pipe: what was taken stands.
/// </summary>
internal static class PipeDrain
{
    /// <summary>Receives each chunk as it is read; the span is valid only during the call.</summary>
    public delegate void Chunk(ReadOnlySpan<byte> chunk);

    /// <returns>True when the pipe reached its end, false when it was closed or stopped under the read.</returns>
    public static async Task<bool> RunAsync(Stream stream, Chunk take, CancellationToken stop)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer, stop).ConfigureAwait(false)) > 0)
            {
                take(buffer.AsSpan(0, read));
            }

            return true;
        }
        catch (Exception exception) when (exception is IOException or ObjectDisposedException or OperationCanceledException or System.Net.Sockets.SocketException)
        {
            return false;
        }
    }
}
