using Microsoft.Extensions.Logging;

namespace XaiGrok.Onboarding.Logging;

/// <summary>The level names <c>XAI_GROK_LOG</c> accepts: the framework's names and the short ones people type.</summary>
internal static class LogLevelNames
{
    public const string Accepted = "trace, debug, information (info), warning (warn), error, critical, none (off)";

    public static bool TryParse(string text, out LogLevel level)
    {
        switch (text.Trim().ToLowerInvariant())
        {
            case "trace": level = LogLevel.Trace; return true;
            case "debug": level = LogLevel.Debug; return true;
            case "information" or "info": level = LogLevel.Information; return true;
            case "warning" or "warn": level = LogLevel.Warning; return true;
            case "error": level = LogLevel.Error; return true;
            case "critical": level = LogLevel.Critical; return true;
            case "none" or "off": level = LogLevel.None; return true;
            default: level = LogLevel.Error; return false;
        }
    }

    /// <summary>The short lower-case name written in each log line.</summary>
    public static string Short(LogLevel level) => level switch
    {
        LogLevel.Trace => "trce",
        LogLevel.Debug => "dbug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warn",
        LogLevel.Error => "fail",
        LogLevel.Critical => "crit",
        _ => "none",
    };
}
