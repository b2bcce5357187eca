using XaiGrok.Onboarding.Config;
using XaiGrok.Onboarding.Credentials;

namespace XaiGrok.Onboarding;

/// <summary>
/// Where one setting <c>config.toml</c> can hold came from, or one per-model key's file: names and lines only,
/// never a value.
/// </summary>
/// <param name="Name">The setting (<c>api_base_url</c>, …) or <c>model.ID</c> for a per-model key.</param>
/// <param name="Source"><c>variable</c>, <c>file</c>, <c>default</c>, or <c>config.json</c> for a key still read from there.</param>
public sealed record GrokSetting(string Name, string Source)
{
    /// <summary>With <c>variable</c>: the environment variable that set it.</summary>
    public string? Variable { get; init; }

    /// <summary>With <c>file</c>: the line of <c>config.toml</c> (1-based).</summary>
    public int? Line { get; init; }

    /// <summary>For a per-model key in <c>config.toml</c>: which field holds it (<c>api_key</c> or <c>env_key</c>).</summary>
    public string? Field { get; init; }

    /// <summary>A remark for the operator (a key named twice, a key still in <c>config.json</c>).</summary>
    public string? Note { get; init; }

    /// <summary>Null when a host built the options itself (nothing was read from the environment or a file).</summary>
    internal static IReadOnlyList<GrokSetting>? For(OnboardingOptions options, ModelKeys modelKeys)
    {
        if (options.SettingSources is not { } sources)
        {
            return null;
        }

        var settings = new List<GrokSetting>();
        foreach (var name in ConfigTomlKeys.StatusNames)
        {
            var source = sources.TryGetValue(name, out var known) ? known : SettingSource.None;
            settings.Add(new GrokSetting(name, source.Kind)
            {
                Variable = source.Kind == SettingSource.Variable ? source.Name : null,
                Line = source.Kind == SettingSource.File ? source.Line : null,
            });
        }

        var inJson = modelKeys.InConfigJson();
        foreach (var (model, key) in options.ConfigModelKeys)
        {
            settings.Add(new GrokSetting($"{ConfigTomlKeys.Model}.{model}", SettingSource.File)
            {
                Line = key.Line,
                Field = key.Entry.ApiKey is not null ? ConfigTomlKeys.ApiKey : ConfigTomlKeys.EnvKey,
                Note = inJson.Any(other => string.Equals(other, model, StringComparison.OrdinalIgnoreCase))
                    ? "config.json also names this model; config.toml's key is used"
                    : null,
            });
        }

        // config.json's keys still work: said here, so moving them is a choice, never a surprise.
        foreach (var model in inJson.Where(model => !options.ConfigModelKeys.ContainsKey(model)))
        {
            settings.Add(new GrokSetting($"{ConfigTomlKeys.Model}.{model}", "config.json")
            {
                Note = $"still used; move it to config.toml as [model.\"{model}\"]",
            });
        }

        return settings;
    }
}
