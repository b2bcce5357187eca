using System.Text.Json;
using System.Text.Json.Nodes;
using XaiGrok.Onboarding.Storage;
using Xunit;

namespace XaiGrok.Onboarding.Tests.Reliability;

/// <summary>
/// Shared bits of the reliability suite: the figures each test prints (test output and a log file beside the temp
/// folder, so one run's numbers can be copied into docs/reliability.md), and small file helpers.
/// </summary>
internal static class Figures
{
    private static readonly Lock Gate = new();

    /// <summary>Where every figure of a run is appended (one line each, prefixed by the test name).</summary>
    public static string LogFile { get; } = Path.Combine(Path.GetTempPath(), "xgo-reliability-figures.log");

    public static void Report(string figure)
    {
        var test = TestContext.Current.Test?.TestDisplayName ?? "?";
        TestContext.Current.TestOutputHelper?.WriteLine(figure);
        lock (Gate)
        {
            File.AppendAllText(LogFile, $"{TimeProvider.System.GetUtcNow():O} {test}: {figure}{Environment.NewLine}");
        }
    }

    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Rewrites auth.json (atomically, 0600) with <paramref name="change"/> applied to its JSON object.</summary>
    public static void EditAuthFile(string authFile, Action<JsonObject> change)
    {
        var node = JsonNode.Parse(File.ReadAllBytes(authFile))!.AsObject();
        change(node);
        var temp = authFile + ".test-edit";
        File.WriteAllText(temp, node.ToJsonString());
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        File.Move(temp, authFile, overwrite: true);
    }

    /// <summary>
    /// Makes the stored access token expired (a minute ago on the real clock), keeping the refresh token; under the
    /// credential lock, as every writer of auth.json.
    /// </summary>
    public static async Task ExpireStoredTokenAsync(string home)
    {
        var paths = new StatePaths(home);
        using (await CrossProcessLock.AcquireAsync(paths.CredentialLock, TimeSpan.FromSeconds(30), TimeProvider.System, Ct))
        {
            EditAuthFile(paths.CredentialFile, node => node["expires_at"] = TimeProvider.System.GetUtcNow().ToUnixTimeSeconds() - 60);
        }
    }

    public static string? ReadString(string authFile, string name)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(authFile));
        return document.RootElement.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
    }

    /// <summary>Leftover temp files of auth.json (".auth.json.&lt;hex&gt;.tmp").</summary>
    public static string[] AuthTemps(string home) =>
        Directory.Exists(home)
            ? [.. Directory.EnumerateFiles(home, ".auth.json.*.tmp", new EnumerationOptions { AttributesToSkip = 0 })]
            : [];
}
