using Microsoft.Extensions.Logging;

namespace XaiGrok.Onboarding.Logging;

/// <summary>
/// Reads <c>RUST_LOG</c>, the Grok CLI's log setting, as one level: a list of directives (<c>info,xai=trace</c>),
/// each a level or <c>target=level</c>, means the most verbose level it names (the module has one level, not one per
/// target). A directive that names no level (a bare target, a filter, a typo) makes the whole value unreadable, so
/// the caller keeps its default with a warning, as for a bad <c>XAI_GROK_LOG</c>.
/// </summary>
internal static class RustLogFilter
{
    public static bool TryParse(string text, out LogLevel level)
    {
        level = LogLevel.None;
        var named = false;
        foreach (var directive in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var name = directive.Split('=') switch
            {
                [var alone] => alone,
                [var target, var value] when target.Trim().Length > 0 => value,
                _ => null,
            };
            if (name is null || !LogLevelNames.TryParse(name, out var one))
            {
                level = LogLevel.Error;
                return false;
            }

            // LogLevel counts up from Trace: the most verbose is the smallest.
            level = (LogLevel)Math.Min((int)level, (int)one);
            named = true;
        }

        if (!named)
        {
            level = LogLevel.Error;
        }

        return named;
    }
}
