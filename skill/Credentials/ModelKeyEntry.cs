using System.Text.Json.Serialization;

namespace XaiGrok.Onboarding.Credentials;

/// <summary>One model's key: given directly, or the name of an environment variable that holds it.</summary>
internal sealed class ModelKeyEntry
{
    [JsonPropertyName("api_key")]
    public string? ApiKey { get; set; }

    [JsonPropertyName("env_key")]
    public string? EnvKey { get; set; }

    public override string ToString() => $"ModelKeyEntry(api_key={(ApiKey is null ? "none" : "[redacted]")}, env_key={EnvKey})";
}
