namespace XaiGrok.Onboarding.Cli.Terminal;

/// <summary>
/// While <c>login</c> waits for approval: one stderr line, rewritten in place with <c>\r</c>, that turns on the
/// injected clock's timer (so a test drives it with a fake clock) and counts the code's time down between polls.
/// Disposing it blanks the line, so what follows (the summary, "cancelled") starts on a clean line.
/// </summary>
internal sealed class PollSpinner(TextWriter stderr, TimeProvider clock, TerminalSize? size) : IProgress<PollProgress>, IDisposable
{
    public static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(100);

    private readonly Lock gate = new();
    private ITimer? timer;
    private int frame;
    private DateTimeOffset? codeExpiresAt;
    private DateTimeOffset nextCheckAt;
    private string? lastError;
    private int drawn;
    private bool disposed;

    public void Report(PollProgress value)
    {
        ArgumentNullException.ThrowIfNull(value);
        lock (gate)
        {
            if (disposed)
            {
                return;
            }

            var now = clock.GetUtcNow();
            codeExpiresAt = value.CodeExpiresIn is { } left ? now + left : codeExpiresAt;
            nextCheckAt = now + TimeSpan.FromSeconds(value.NextPollInSeconds);
            lastError = value.LastError;
            timer ??= clock.CreateTimer(_ => Turn(), null, Tick, Tick);
            Draw(now);
        }
    }

    public void Dispose()
    {
        lock (gate)
        {
            if (disposed)
            {
                return;
            }

            disposed = true;
            timer?.Dispose();
            if (drawn > 0)
            {
                stderr.Write('\r' + new string(' ', drawn) + '\r');
                stderr.Flush();
            }
        }
    }

    private void Turn()
    {
        lock (gate)
        {
            if (!disposed)
            {
                frame++;
                Draw(clock.GetUtcNow());
            }
        }
    }

    private void Draw(DateTimeOffset now)
    {
        var line = SpinnerLine.Format(frame, codeExpiresAt - now, nextCheckAt - now, lastError);

        // A line as wide as the terminal wraps, and \r then rewrites only its second half.
        if (size is { Columns: > 1 } known && line.Length >= known.Columns)
        {
            line = line[..(known.Columns - 1)];
        }

        stderr.Write('\r' + line.PadRight(drawn));
        stderr.Flush();
        drawn = line.Length;
    }
}
