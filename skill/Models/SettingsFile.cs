using System.Text.Json.Serialization;

namespace XaiGrok.Onboarding.Models;

/// <summary>The schema of <c>settings.json</c>: choices the person made, such as the selected model.</summary>
internal sealed class SettingsFile
{
    [JsonPropertyName("selected_model")]
    public string? SelectedModel { get; set; }
}
