using XaiGrok.Onboarding.Config;
using XaiGrok.Onboarding.Credentials;

namespace XaiGrok.Onboarding.Tests.Exports;

/// <summary>
/// The settings mapping as it was before the typed results (commit 37c95e5), kept frozen for <see cref="TypedMappingTests"/>.
/// <c>status</c>'s <c>settings</c>: where each setting <c>config.toml</c> can hold came from (<c>variable</c>,
/// <c>file</c> or <c>default</c>), and each per-model key's file. Names and lines only, never a value.
/// </summary>
internal static class LegacySettingsResult
{
    /// <summary>Null when a host built the options itself (nothing was read from the environment or a file).</summary>
    public static SkillResult? For(OnboardingOptions options, ModelKeys modelKeys)
    {
        if (options.SettingSources is not { } sources)
        {
            return null;
        }

        var fields = new ResultFields();
        foreach (var name in ConfigTomlKeys.StatusNames)
        {
            var source = sources.TryGetValue(name, out var known) ? known : SettingSource.None;
            var setting = new ResultFields().Add("source", source.Kind);
            if (source.Kind == SettingSource.Variable)
            {
                setting.Add("variable", source.Name);
            }
            else if (source.Kind == SettingSource.File)
            {
                setting.Add("line", source.Line);
            }

            fields.Add(name, setting.ToResult());
        }

        var inJson = modelKeys.InConfigJson();
        foreach (var (model, key) in options.ConfigModelKeys)
        {
            var setting = new ResultFields().Add("source", SettingSource.File).Add("line", key.Line)
                .Add("key", key.Entry.ApiKey is not null ? ConfigTomlKeys.ApiKey : ConfigTomlKeys.EnvKey);
            if (inJson.Any(other => string.Equals(other, model, StringComparison.OrdinalIgnoreCase)))
            {
                setting.Add("note", "config.json also names this model; config.toml's key is used");
            }

            fields.Add($"{ConfigTomlKeys.Model}.{model}", setting.ToResult());
        }

        // config.json's keys still work: said here, so moving them is a choice, never a surprise.
        foreach (var model in inJson.Where(model => !options.ConfigModelKeys.ContainsKey(model)))
        {
            fields.Add($"{ConfigTomlKeys.Model}.{model}", new ResultFields()
                .Add("source", "config.json")
                .Add("note", $"still used; move it to config.toml as [model.\"{model}\"]")
                .ToResult());
        }

        return fields.ToResult();
    }
}
