using System.Text.Json;

namespace XaiGrok.Onboarding.Tests.Support;

/// <summary>One finished CLI process: exit code, stdout, stderr.</summary>
public sealed record CliRun(int ExitCode, string Stdout, string Stderr)
{
    /// <summary>Stdout parsed as the one JSON object the CLI promises.</summary>
    public JsonElement Json
    {
        get
        {
            using var document = JsonDocument.Parse(Stdout);
            return document.RootElement.Clone();
        }
    }

    public override string ToString() => $"exit {ExitCode}\nstdout: {Stdout}\nstderr: {Stderr}";
}
