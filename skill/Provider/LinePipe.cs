using System.Text;
using XaiGrok.Onboarding.Protocol;

namespace XaiGrok.Onboarding.Provider;

/// <summary>
/// Reads the provider's stderr from the moment it starts and hands each line on as it completes, so the person sees
/// a sign-in URL while the provider waits for them. Bounded like <see cref="CappedPipe"/>: the first
/// <c>capBytes</c> are looked at and the rest drained and dropped; at most <c>maxLines</c> non-empty lines are kept
/// and passed on, each without control characters and cut at 500 characters.
/// </summary>
internal sealed class LinePipe : IDisposable
{
    private const int MaxLineCharacters = 500;

    private readonly Lock gate = new();
    private readonly CancellationTokenSource stop = new();
    private readonly Stream stream;
    private readonly int capBytes;
    private readonly int maxLines;
    private readonly Action<string>? onLine;
    private readonly List<string> lines = [];
    private readonly MemoryStream partial = new();
    private int seenBytes;

    public LinePipe(Stream stream, int capBytes, int maxLines, Action<string>? onLine)
    {
        this.stream = stream;
        this.capBytes = capBytes;
        this.maxLines = maxLines;
        this.onLine = onLine;
        Drained = DrainAsync();
    }

    /// <summary>Completes when the pipe reached its end (the last line was passed on) or could no longer be read.</summary>
    public Task Drained { get; }

    /// <summary>The lines kept so far, with a last line that has no newline yet.</summary>
    public IReadOnlyList<string> Snapshot()
    {
        lock (gate)
        {
            return Clean(partial.ToArray()) is { Length: > 0 } last && lines.Count < maxLines ? [.. lines, last] : [.. lines];
        }
    }

    public void Dispose()
    {
        stop.Cancel();
        stream.Dispose();
        stop.Dispose();
    }

    private async Task DrainAsync()
    {
        if (await PipeDrain.RunAsync(stream, Take, stop.Token).ConfigureAwait(false))
        {
            // The last line may end without a newline.
            Complete();
        }
    }

    private void Take(ReadOnlySpan<byte> chunk)
    {
        var room = Math.Max(0, capBytes - seenBytes);
        chunk = chunk[..Math.Min(room, chunk.Length)];
        seenBytes += chunk.Length;
        while (chunk.Length > 0)
        {
            var end = chunk.IndexOfAny((byte)'\n', (byte)'\r');
            if (end < 0)
            {
                lock (gate)
                {
                    partial.Write(chunk);
                }

                return;
            }

            lock (gate)
            {
                partial.Write(chunk[..end]);
            }

            Complete();
            chunk = chunk[(end + 1)..];
        }
    }

    private void Complete()
    {
        string line;
        lock (gate)
        {
            line = Clean(partial.ToArray());
            partial.SetLength(0);
            if (line.Length == 0 || lines.Count >= maxLines)
            {
                return;
            }

            lines.Add(line);
        }

        // Outside the lock: the person's display may be slow, and must not hold up a snapshot.
        onLine?.Invoke(line);
    }

    private static string Clean(byte[] bytes) =>
        PrintableText.Clean(Encoding.UTF8.GetString(bytes), MaxLineCharacters);
}
