namespace XaiGrok.Onboarding.Tests.Support;

/// <summary>A fresh state folder (<c>XAI_GROK_HOME</c>) for one test, deleted afterwards.</summary>
public sealed class TestHome : IDisposable
{
    public TestHome()
    {
        Parent = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "xgo-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Parent);
        Path = System.IO.Path.Combine(Parent, "home");
    }

    /// <summary>The folder that holds <see cref="Path"/> (the state folder itself is created by the module).</summary>
    public string Parent { get; }

    public string Path { get; }

    public string AuthFile => System.IO.Path.Combine(Path, "auth.json");

    public void Dispose()
    {
        try
        {
            Directory.Delete(Parent, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
