using QRCoder;

namespace XaiGrok.Onboarding.Cli.Terminal;

/// <summary>
/// A QR code of a URL as text, two modules a character cell (QRCoder's small renderer, half blocks), so a phone can
/// open the sign-in page without anyone typing the URL.
/// </summary>
internal sealed class TerminalQrCode
{
    // Rows kept for the text around the code (the URL and user code, "scan this", the browser note, the spinner), so
    // that the code and its text are on screen together.
    internal const int TextRows = 4;

    private TerminalQrCode(IReadOnlyList<string> lines) => Lines = lines;

    public IReadOnlyList<string> Lines { get; }

    public int Width => Lines.Count == 0 ? 0 : Lines.Max(line => line.Length);

    public int Height => Lines.Count;

    public static TerminalQrCode Of(string text)
    {
        using var generator = new QRCodeGenerator();

        // Low error correction keeps the code smallest; a screen is not a scratched label.
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.L);
        using var renderer = new AsciiQRCode(data);

        // invert: false draws the light modules and the quiet zone as blocks, which is right on the usual light-on-dark terminal.
        var graphic = renderer.GetGraphicSmall(drawQuietZones: true, invert: false, endOfLine: "\n");
        return new TerminalQrCode(graphic.TrimEnd('\n').Split('\n'));
    }

    /// <summary>
    /// The code for <paramref name="url"/> when a person watches a terminal big enough to show it whole; else null
    /// (a cut or wrapped code does not scan, and the URL is printed anyway).
    /// </summary>
    public static TerminalQrCode? ForTerminal(string url, StderrTerminal terminal, bool wanted)
    {
        if (!wanted || !terminal.Interactive || terminal.Size is null)
        {
            return null;
        }

        var code = Of(url);
        return code.FitsIn(terminal.Size.Value) ? code : null;
    }

    /// <summary>Fits when every line is narrower than the terminal (no wrap) and it leaves <see cref="TextRows"/> rows.</summary>
    public bool FitsIn(TerminalSize size) => Width < size.Columns && Height + TextRows <= size.Rows;
}
