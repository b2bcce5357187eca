using System.Text.Json;
using XaiGrok.Onboarding.Config;
using XaiGrok.Onboarding.Storage;

namespace XaiGrok.Onboarding.Credentials;

/// <summary>
/// Per-model keys: <c>config.toml</c>'s <c>[model."name"]</c> sections, then the older <c>config.json</c> in the state
/// folder, which is still read (README says how to move it). They win over every other credential for their model.
/// </summary>
internal sealed class ModelKeys(StatePaths paths, Func<string, string?> environment, IReadOnlyDictionary<string, ConfigModelKey>? fromToml = null)
{
    // Looked up before every call; the file rarely changes, so its parse is kept while it provably has not.
    private readonly UnchangedFileCache<ModelKeysFile?> file = new(paths.ConfigFile, ReadFile, TimeProvider.System, absent: () => null);

    public string? For(string upstreamModel) =>
        KeyOf(Find(fromToml, upstreamModel)?.Entry) ?? KeyOf(Find(file.Get()?.Models, upstreamModel));

    /// <summary>The models <c>config.json</c> has an entry for (for <c>status</c>).</summary>
    public IReadOnlyList<string> InConfigJson() => file.Get()?.Models?.Keys.ToArray() ?? [];

    private static TValue? Find<TValue>(IReadOnlyDictionary<string, TValue>? models, string upstreamModel)
        where TValue : class =>
        models?.FirstOrDefault(pair => string.Equals(pair.Key, upstreamModel, StringComparison.OrdinalIgnoreCase)
            || string.Equals(pair.Key, Models.ModelKinds.Prefix + upstreamModel, StringComparison.OrdinalIgnoreCase)).Value;

    // An env_key is looked up on every call: the variable is the process's, not the file's.
    private string? KeyOf(ModelKeyEntry? entry)
    {
        var key = entry?.ApiKey ?? (entry?.EnvKey is { } name ? environment(name) : null);
        return string.IsNullOrWhiteSpace(key) ? null : key.Trim();
    }

    private static ModelKeysFile? ReadFile(string path)
    {
        var read = SafeFile.Read(path, 256 * 1024);
        if (read.Status != ReadStatus.Ok || Protocol.JsonText.HasUndecodableEscape(read.Content))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(read.Content, StateJsonContext.Default.ModelKeysFile);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
