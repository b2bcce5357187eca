using System.Text.Json.Serialization;
using XaiGrok.Onboarding.Storage;

namespace XaiGrok.Onboarding.Models;

/// <summary>
/// The schema of <c>models-access.json</c>: for one account on one API origin (the model cache's key), the chat models
/// a call has shown it can use although the list omits them, and those xAI refused it.
/// </summary>
internal sealed class ModelAccessFile
{
    [JsonPropertyName("key")]
    public string? Key { get; set; }

    [JsonPropertyName("works")]
    public List<string>? Works { get; set; }

    [JsonPropertyName("refused")]
    public List<string>? Refused { get; set; }

    /// <summary>Reads the file without the serializer (<see cref="StateFileReader"/>); null when it does not fit.</summary>
    public static ModelAccessFile? Parse(ReadOnlyMemory<byte> json) => StateFileReader.Read<ModelAccessFile>(json, static (file, name, value) =>
    {
        switch (name)
        {
            case "key": file.Key = StateFileReader.Text(value); break;
            case "works": file.Works = StateFileReader.TextList(value); break;
            case "refused": file.Refused = StateFileReader.TextList(value); break;
        }
    });
}
