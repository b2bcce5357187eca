using System.Globalization;
using XaiGrok.Onboarding.Errors;

namespace XaiGrok.Onboarding.Cli;

/// <summary>The results the CLI itself prints when a verb gives none: it was ended by SIGTERM, or it crashed.</summary>
internal static class CliResults
{
    public static SkillResult Terminated(bool cutShort) => new ResultFields()
        .Add("ok", false)
        .Add("error", ErrorCodes.Terminated)
        .Add("detail", cutShort
            ? string.Create(CultureInfo.InvariantCulture, $"stopped by SIGTERM: the call did not end within {TerminationWatchdog.Grace.TotalSeconds:0} s of being cancelled, so the process was ended.")
            : "stopped by SIGTERM before the call finished; it was cancelled as with Ctrl-C.")
        .Add("hint", "Run the same command again if it is still needed.")
        .ToResult();

    // The exception's message is not shown: it could quote a server's answer.
    public static SkillResult Crashed(Exception exception) => new ResultFields()
        .Add("ok", false)
        .Add("error", ErrorCodes.InternalError)
        .Add("detail", $"unexpected {exception.GetType().Name}.")
        .Add("hint", "Please report this with the steps that led to it (XAI_GROK_LOG=debug shows where it happened).")
        .ToResult();
}
