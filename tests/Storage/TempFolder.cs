namespace XaiGrok.Onboarding.Tests.Storage;

/// <summary>A fresh folder under the system temp folder, removed with everything in it.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder() => Path = Directory.CreateTempSubdirectory("xai-grok-storage-").FullName;

    public string Path { get; }

    public string Join(params string[] names) => System.IO.Path.Join([Path, .. names]);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover temp folder must not fail a test.
        }
    }
}
