using System.Text.Json;
using XaiGrok.Onboarding.Storage;

namespace XaiGrok.Onboarding.Credentials;

/// <summary>Per-model keys from <c>config.json</c>; they win over every other credential for their model.</summary>
internal sealed class ModelKeys(StatePaths paths, Func<string, string?> environment)
{
    // Looked up before every call; the file rarely changes, so its parse is kept while it provably has not.
    private readonly UnchangedFileCache<ModelKeysFile?> file = new(paths.ConfigFile, ReadFile, TimeProvider.System, absent: () => null);

    public ModelKey? For(string upstreamModel)
    {
        if (file.Get()?.Models is not { } models)
        {
            return null;
        }

        var (model, entry) = models.FirstOrDefault(pair => string.Equals(pair.Key, upstreamModel, StringComparison.OrdinalIgnoreCase)
            || string.Equals(pair.Key, Models.ModelKinds.Prefix + upstreamModel, StringComparison.OrdinalIgnoreCase));
        if (entry is null)
        {
            return null;
        }

        // An env_key is looked up on every call: the variable is the process's, not the file's.
        var (key, origin) = entry.ApiKey is { } given
            ? (given, $"the api_key of {model} in config.json")
            : entry.EnvKey is { } name ? (environment(name), $"{name} (the env_key of {model} in config.json)") : (null, "");
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
