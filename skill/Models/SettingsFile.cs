using System.Text.Json.Serialization;
using XaiGrok.Onboarding.Storage;

namespace XaiGrok.Onboarding.Models;

/// <summary>The schema of <c>settings.json</c>: choices the person made, such as the selected model.</summary>
internal sealed class SettingsFile
{
    [JsonPropertyName("selected_model")]
    public string? SelectedModel { get; set; }

    /// <summary>Reads the file without the serializer (<see cref="StateFileReader"/>); null when it does not fit.</summary>
    public static SettingsFile? Parse(ReadOnlyMemory<byte> json) => StateFileReader.Read<SettingsFile>(json, static (file, name, value) =>
    {
        if (name == "selected_model")
        {
            file.SelectedModel = StateFileReader.Text(value);
        }
    });
}
