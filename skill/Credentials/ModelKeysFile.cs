using System.Text.Json.Serialization;

namespace XaiGrok.Onboarding.Credentials;

/// <summary>
/// The schema of <c>config.json</c> in the state folder: per-model keys, as the Grok CLI's <c>[model.&lt;name&gt;]</c>
/// <c>api_key</c> / <c>env_key</c>: <c>{"models": {"grok-4.3": {"api_key": "..."}, "grok-build-0.1": {"env_key": "VAR"}}}</c>.
/// </summary>
internal sealed class ModelKeysFile
{
    [JsonPropertyName("models")]
    public Dictionary<string, ModelKeyEntry>? Models { get; set; }
}
