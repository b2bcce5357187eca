using System.Text.Json.Serialization;

namespace XaiGrok.Onboarding.DeviceGrant;

/// <summary>The schema of <c>completed-sign-ins.json</c>, with explicit key names.</summary>
internal sealed class CompletedSignInsFile
{
    [JsonPropertyName("completed")]
    public List<CompletedSignIn>? Completed { get; set; }
}
