using System.Globalization;

namespace XaiGrok.Onboarding.Cli.Terminal;

/// <summary>
/// The waiting lines when stderr is not a terminal (a log, a pipe): one per poll, no control characters. Written
/// as reported, not posted like <see cref="Progress{T}"/>, so no line lands after the result.
/// </summary>
internal sealed class PlainProgress(TextWriter stderr) : IProgress<PollProgress>
{
    public void Report(PollProgress value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var line = string.Create(CultureInfo.InvariantCulture, $"Waiting for approval... next check in {value.NextPollInSeconds} s");
        if (value.CodeExpiresIn is { } left)
        {
            line += string.Create(CultureInfo.InvariantCulture, $", code valid for {left.TotalMinutes:0} min");
        }

        stderr.WriteLine(value.LastError is { } error ? $"{line} ({error})" : line);
        stderr.Flush();
    }
}
