using System.Text.Json;
using XaiGrok.Onboarding.Caching;
using XaiGrok.Onboarding.Config;
using XaiGrok.Onboarding.Storage;

namespace XaiGrok.Onboarding.Credentials;

/// <summary>
/// Per-model keys: <c>config.toml</c>'s <c>[model."name"]</c> sections, then the older <c>config.json</c> in the state
/// folder, which is still read (README says how to move it). They win over every other credential for their model.
/// </summary>
/// <remarks>(<c>fileSystemClock</c> is the kernel's wall clock for <see cref="UnchangedFileCache{T}"/>; tests pass one that makes files look settled.)</remarks>
internal sealed class ModelKeys(StatePaths paths, Func<string, string?> environment, IReadOnlyDictionary<string, ConfigModelKey>? fromToml = null, TimeProvider? fileSystemClock = null)
{
    // Looked up before every call; the file rarely changes (and is usually absent), so its parse is kept while it
    // provably has not changed.
    private readonly UnchangedFileCache<ModelKeysFile?> file = new(paths.ConfigFile, ReadFile, fileSystemClock ?? TimeProvider.System, absent: () => null);

    public ModelKey? For(string upstreamModel) =>
        KeyOf(Find(fromToml, upstreamModel), "config.toml", static found => found.Value.Entry)
        ?? KeyOf(Find(file.Get()?.Models, upstreamModel), "config.json", static found => found.Value);

    /// <summary>The models <c>config.json</c> has an entry for (for <c>status</c>).</summary>
    public IReadOnlyList<string> InConfigJson() => file.Get()?.Models?.Keys.ToArray() ?? [];

    private static KeyValuePair<string, TValue>? Find<TValue>(IReadOnlyDictionary<string, TValue>? models, string upstreamModel)
        where TValue : class =>
        models?.FirstOrDefault(pair => string.Equals(pair.Key, upstreamModel, StringComparison.OrdinalIgnoreCase)
            || string.Equals(pair.Key, Models.ModelKinds.Prefix + upstreamModel, StringComparison.OrdinalIgnoreCase)) is { Value: not null } found
            ? found
            : null;

    // An env_key is looked up on every call: the variable is the process's, not the file's. The origin names where the
    // key came from, in words a person can act on, for a key that cannot be sent.
    private ModelKey? KeyOf<TValue>(KeyValuePair<string, TValue>? found, string fileName, Func<KeyValuePair<string, TValue>, ModelKeyEntry> entryOf)
        where TValue : class
    {
        if (found is not { } pair)
        {
            return null;
        }

        var entry = entryOf(pair);
        var (key, origin) = entry.ApiKey is { } given
            ? (given, $"the api_key of {pair.Key} in {fileName}")
            : entry.EnvKey is { } name ? (environment(name), $"{name} (the env_key of {pair.Key} in {fileName})") : (null, "");
        return string.IsNullOrWhiteSpace(key) ? null : new ModelKey(key.Trim(), origin);
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
