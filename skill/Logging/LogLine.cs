using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;

namespace XaiGrok.Onboarding.Logging;

/// <summary>The one format of the module's own log lines, in the file and on stderr: UTC time, level, process, category, message.</summary>
internal static class LogLine
{
    public static string Format(DateTimeOffset now, LogLevel level, string category, string message, Exception? exception)
    {
        var line = new StringBuilder(160)
            .Append(now.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture))
            .Append(' ').Append(LogLevelNames.Short(level))
            .Append(" [").Append(Environment.ProcessId.ToString(CultureInfo.InvariantCulture)).Append("] ")
            .Append(category).Append(": ")
            .Append(message);
        if (exception is not null)
        {
            line.Append(Environment.NewLine).Append(exception);
        }

        return line.Append('\n').ToString();
    }
}
