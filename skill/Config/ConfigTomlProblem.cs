using System.Text.RegularExpressions;

namespace XaiGrok.Onboarding.Config;

/// <summary>The wording of a <c>config.toml</c> problem: file, line and key, and never a value from the file.</summary>
internal static partial class ConfigTomlProblem
{
    public static InvalidSetting At(string path, int line, string? key, string problem)
    {
        var where = line > 0 ? $"{path}:{line}" : path;
        var what = key is null ? problem : $"{key}: {problem}";
        return new InvalidSetting($"{where} ({key ?? "syntax"})", $"{where}: {what}") { Hint = Hint(path, line, key) };
    }

    public static string Hint(string path, int line = 0, string? key = null)
    {
        var place = line > 0 ? $" at line {line}{(key is null ? "" : $" ({key})")}" : "";
        return $"Fix {path}{place}, or move it away (or point {EnvironmentVariables.Config} at another file); the module only reads it, never writes it.";
    }

    /// <summary>
    /// Tomlyn's message without the source text it quotes between backticks: a token it could not parse may be part
    /// of an API key. Quotes of up to three characters (<c>`=`</c>, <c>`]]`</c>) are kept.
    /// </summary>
    public static string Quiet(string message) => Quoted().Replace(message, match => match.Length <= 5 ? match.Value : "`…`").Trim();

    [GeneratedRegex("`[^`]*`")]
    private static partial Regex Quoted();
}
