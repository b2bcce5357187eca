using System.Text.Json;
using XaiGrok.Onboarding.Storage;
using XaiGrok.Onboarding.Stores;

namespace XaiGrok.Onboarding.Models;

/// <summary>The model chosen with <c>use-model</c> (the upstream id), kept in <c>settings.json</c> for every later process.</summary>
internal sealed class ModelSelection(StatePaths paths) : IModelChoiceStore
{
    public string? Selected()
    {
        var read = SafeFile.Read(paths.SettingsFile, 64 * 1024);
        if (read.Status != ReadStatus.Ok)
        {
            return null;
        }

        return SettingsFile.Parse(read.Content)?.SelectedModel is { } id && ModelIds.IsWellFormed(id) ? id : null;
    }

    public void Select(string upstreamId) =>
        AtomicFile.Write(paths.SettingsFile, JsonSerializer.SerializeToUtf8Bytes(new SettingsFile { SelectedModel = upstreamId }, StateJsonContext.Default.SettingsFile));
}
