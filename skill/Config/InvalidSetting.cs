using XaiGrok.Onboarding.Errors;

namespace XaiGrok.Onboarding.Config;

/// <summary>
/// A setting that cannot be used, and what is wrong with it (the value is shown only when harmless): an environment
/// variable that does not parse, or a <c>config.toml</c> problem (then <see cref="Variable"/> names the file, line and key).
/// </summary>
internal sealed record InvalidSetting(string Variable, string Problem)
{
    /// <summary>The error code; a file that is not safe to use is a <c>credential_store_error</c>, as an unsafe state folder is.</summary>
    public string Code { get; init; } = ErrorCodes.InvalidConfiguration;

    /// <summary>What to do, when it is not "fix or unset the variable" (a file's problem).</summary>
    public string? Hint { get; init; }

    /// <summary>The one failure every call answers while <paramref name="settings"/> is not empty; null when it is.</summary>
    public static Failure? FailureFor(IReadOnlyList<InvalidSetting> settings)
    {
        if (settings.Count == 0)
        {
            return null;
        }

        if (settings.FirstOrDefault(setting => setting.Code != ErrorCodes.InvalidConfiguration) is { } unsafeFile)
        {
            return new Failure(unsafeFile.Code, unsafeFile.Problem + ". Nothing was sent.", unsafeFile.Hint);
        }

        var hints = new List<string>();
        var variables = settings.Where(setting => setting.Hint is null).Select(setting => setting.Variable).ToArray();
        if (variables.Length > 0)
        {
            hints.Add($"Fix or unset {string.Join(", ", variables)} (xai-grok-onboarding --help lists each variable and its default); no default is used in place of a value that does not parse.");
        }

        hints.AddRange(settings.Select(setting => setting.Hint).OfType<string>().Distinct());
        return new Failure(
            ErrorCodes.InvalidConfiguration,
            string.Join("; ", settings.Select(setting => setting.Problem)) + ". Nothing was sent.",
            string.Join(" ", hints));
    }
}
