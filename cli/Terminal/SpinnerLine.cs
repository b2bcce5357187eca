using System.Globalization;

namespace XaiGrok.Onboarding.Cli.Terminal;

/// <summary>The one line the spinner rewrites: a frame, how long the code stays valid, when the next check is.</summary>
internal static class SpinnerLine
{
    public static readonly string[] Frames = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];

    public static string Format(int frame, TimeSpan? codeValidFor, TimeSpan nextCheckIn, string? lastError)
    {
        var line = $"{Frames[frame % Frames.Length]} Waiting for approval";
        if (codeValidFor is { } left)
        {
            line += $" · code valid {Clock(left)}";
        }

        var seconds = (long)Math.Ceiling(Math.Max(0, nextCheckIn.TotalSeconds));
        line += seconds > 0 ? $" · next check in {seconds.ToString(CultureInfo.InvariantCulture)} s" : " · checking";
        return lastError is null ? line : $"{line} · last check: {lastError}";
    }

    /// <summary>mm:ss, whole seconds left, never negative (minutes go past 59 rather than add an hour field).</summary>
    public static string Clock(TimeSpan left)
    {
        var seconds = (long)Math.Floor(Math.Max(0, left.TotalSeconds));
        return string.Create(CultureInfo.InvariantCulture, $"{seconds / 60:00}:{seconds % 60:00}");
    }
}
