namespace XaiGrok.Onboarding.Cli.Terminal;

/// <summary>
/// What <c>login</c> may draw on stderr: a QR code and a spinner only when a person watches it in a terminal,
/// plain lines otherwise (a log file, an agent's pipe).
/// </summary>
/// <param name="Interactive">stderr is a terminal.</param>
/// <param name="Size">The terminal's size, when it could be read.</param>
internal sealed record StderrTerminal(bool Interactive, TerminalSize? Size)
{
    public static StderrTerminal NotATerminal { get; } = new(false, null);

    /// <summary>The console's stderr, when <paramref name="stderr"/> is it; any other writer is not a terminal.</summary>
    public static StderrTerminal For(TextWriter stderr)
    {
        if (!ReferenceEquals(stderr, Console.Error) || Console.IsErrorRedirected)
        {
            return NotATerminal;
        }

        return new StderrTerminal(true, ReadSize());
    }

    // The console reports a default 80x24 even without a terminal, and throws on some hosts; a size is only a hint.
    private static TerminalSize? ReadSize()
    {
        try
        {
            var (columns, rows) = (Console.WindowWidth, Console.WindowHeight);
            return columns > 0 && rows > 0 ? new TerminalSize(columns, rows) : null;
        }
        catch (Exception e) when (e is IOException or PlatformNotSupportedException or InvalidOperationException or ArgumentOutOfRangeException)
        {
            return null;
        }
    }
}
