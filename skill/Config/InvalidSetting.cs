using XaiGrok.Onboarding.Errors;

namespace XaiGrok.Onboarding.Config;

/// <summary>An environment variable whose value does not parse, and what is wrong with it (the value is shown only when harmless).</summary>
internal sealed record InvalidSetting(string Variable, string Problem)
{
    /// <summary>The one failure every call answers while <paramref name="settings"/> is not empty; null when it is.</summary>
    public static Failure? FailureFor(IReadOnlyList<InvalidSetting> settings)
    {
        if (settings.Count == 0)
        {
            return null;
        }

        var names = string.Join(", ", settings.Select(setting => setting.Variable));
        return new Failure(
            ErrorCodes.InvalidConfiguration,
            string.Join("; ", settings.Select(setting => setting.Problem)) + ". Nothing was sent.",
            $"Fix or unset {names} (xai-grok-onboarding --help lists each variable and its default); no default is used in place of a value that does not parse.");
    }
}
