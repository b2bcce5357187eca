using System.Text.Json;
using XaiGrok.Onboarding.Storage;

namespace XaiGrok.Onboarding.Credentials;

/// <summary>Per-model keys from <c>config.json</c>; they win over every other credential for their model.</summary>
internal sealed class ModelKeys(StatePaths paths, Func<string, string?> environment)
{
    public string? For(string upstreamModel)
    {
        var read = SafeFile.Read(paths.ConfigFile, 256 * 1024);
        if (read.Status != ReadStatus.Ok)
        {
            return null;
        }

        try
        {
            var file = JsonSerializer.Deserialize(read.Content, StateJsonContext.Default.ModelKeysFile);
            if (file?.Models is not { } models)
            {
                return null;
            }

            var entry = models.FirstOrDefault(pair => string.Equals(pair.Key, upstreamModel, StringComparison.OrdinalIgnoreCase)
                || string.Equals(pair.Key, Models.ModelKinds.Prefix + upstreamModel, StringComparison.OrdinalIgnoreCase)).Value;
            var key = entry?.ApiKey ?? (entry?.EnvKey is { } name ? environment(name) : null);
            return string.IsNullOrWhiteSpace(key) ? null : key.Trim();
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
