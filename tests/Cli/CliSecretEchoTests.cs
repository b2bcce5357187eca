using System.Runtime.Versioning;
using XaiGrok.Onboarding.Tests.Reliability;
using XaiGrok.Onboarding.Tests.Support;
using Xunit;

namespace XaiGrok.Onboarding.Tests.Cli;

/// <summary>
/// The CLI against an API that echoes its key everywhere (header, answer, stream pieces split mid-key, error body),
/// logging at trace to a file: the key shows in none of stdout, stderr and the log.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class CliSecretEchoTests
{
    // Six characters: shorter than the eight the module once needed before it would redact a value.
    private const string Key = "kC6nry";

    [Fact]
    public async Task EchoingApi_ApiKeyCanary_NeverInStdoutStderrOrLog()
    {
        await using var api = new EchoingApi();
        using var home = new TestHome();
        var log = Path.Combine(home.Parent, "cli.log");
        var environment = new Dictionary<string, string>
        {
            ["XAI_API_KEY"] = Key,
            ["XAI_API_BASE_URL"] = api.BaseUrl,
            ["XAI_OAUTH_ISSUER"] = "http://127.0.0.1:9",
            ["XAI_GROK_HOME"] = home.Path,
            ["XAI_GROK_LOG"] = "trace",
            ["XAI_GROK_LOG_FILE"] = log,
        };
        var calls = new (string Name, int ErrorStatus, string[] Args)[]
        {
            ("models", 0, ["models", "--force"]),
            ("chat", 0, ["chat", "--message", "hello"]),
            ("chat --stream", 0, ["chat", "--message", "hello", "--stream"]),
            ("chat error", 400, ["chat", "--message", "hello"]),
            ("chat --stream error", 400, ["chat", "--message", "hello", "--stream"]),
            ("models error", 403, ["models", "--force"]),
        };

        var outputs = 0;
        foreach (var (name, status, args) in calls)
        {
            api.ErrorStatus = status;
            var run = await CliRunner.RunAsync(environment, args);

            Assert.True(status == 0 ? run.ExitCode == 0 : run.ExitCode == 1, $"{name}: {run}");
            Assert.False(run.Stdout.Contains(Key, StringComparison.Ordinal), $"{name}: the key is on stdout");
            Assert.False(run.Stderr.Contains(Key, StringComparison.Ordinal), $"{name}: the key is on stderr");
            outputs += 2;
        }

        var logged = File.ReadAllText(log);
        Assert.Equal(calls.Length, api.Bearers.Count(bearer => bearer == Key));
        Assert.Contains("X-Echo: [redacted]", logged, StringComparison.Ordinal);
        Assert.False(logged.Contains(Key, StringComparison.Ordinal), "the key is in the log file");
        Figures.Report($"echoed secrets over the CLI: 1 canary (6-char API key) x {calls.Length} calls x (stdout, stderr) + the trace log = {outputs + 1} outputs: 0 found");
    }
}
