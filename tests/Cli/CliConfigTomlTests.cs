using System.Text.Json;
using XaiGrok.Emulator;
using XaiGrok.Onboarding.Tests.Support;
using Xunit;

namespace XaiGrok.Onboarding.Tests.Cli;

/// <summary>
/// <c>config.toml</c> through the real CLI: a per-model key that the emulator accepts as the bearer, variables that
/// win over the file, problems naming file, line and key on every verb, the refusal of an api_key others can read,
/// <c>status</c>'s sources, and a file named by <c>XAI_GROK_CONFIG</c> that no verb ever changes.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class CliConfigTomlTests
{
    private const string ModelKey = "xai-config-toml-model-key-canary";
    private const string RejectedKey = "xai-config-toml-rejected-canary";

    private static readonly Dictionary<string, string> Secrets = new() { ["model key"] = ModelKey, ["rejected key"] = RejectedKey };

    [Fact]
    public async Task Chat_UsesThePerModelApiKeyFromConfigToml_AsTheBearer()
    {
        await using var cli = await CliHarness.StartAsync(new EmulatorOptions { PollIntervalSeconds = 1, ApiKeys = [ModelKey] });
        var config = WriteConfig(cli, $"[model.\"grok-4.3\"]\napi_key = \"{ModelKey}\"\n");

        // XAI_API_KEY is one the emulator rejects: only the per-model key can make the chat succeed.
        cli.Environment["XAI_API_KEY"] = RejectedKey;
        var chat = await cli.RunAsync("chat", "--message", "hello");
        var status = await cli.RunAsync("status");

        Assert.True(chat.ExitCode == 0, chat.ToString());
        using var statusJson = JsonDocument.Parse(status.Stdout);
        var model = statusJson.RootElement.GetProperty("settings").GetProperty("model.grok-4.3");
        Assert.Equal("file", model.GetProperty("source").GetString());
        Assert.Equal("api_key", model.GetProperty("key").GetString());
        Assert.Equal(config, statusJson.RootElement.GetProperty("config_file").GetString());
        SecretScan.AssertAbsent(chat.Stdout + chat.Stderr + status.Stdout + status.Stderr + cli.LogText, Secrets);
    }

    [Fact]
    public async Task Status_SaysWhereEachSettingCameFrom_AndVariablesWin()
    {
        await using var cli = await CliHarness.StartAsync();
        WriteConfig(cli, """
            [auth]
            auth_provider_label = "From the file"
            auth_token_ttl = 3600

            [grok_com_config.oidc]
            issuer = "https://idp.example.com"
            """);
        cli.Environment["GROK_OIDC_ISSUER"] = "https://variable.example.com";

        var status = await cli.RunAsync("status");

        Assert.True(status.ExitCode == 0, status.ToString());
        using var json = JsonDocument.Parse(status.Stdout);
        var settings = json.RootElement.GetProperty("settings");
        Assert.Equal("file", settings.GetProperty("auth.auth_provider_label").GetProperty("source").GetString());
        Assert.Equal(2, settings.GetProperty("auth.auth_provider_label").GetProperty("line").GetInt32());
        Assert.Equal("file", settings.GetProperty("auth.auth_token_ttl").GetProperty("source").GetString());
        Assert.Equal("variable", settings.GetProperty("grok_com_config.oidc.issuer").GetProperty("source").GetString());
        Assert.Equal("GROK_OIDC_ISSUER", settings.GetProperty("grok_com_config.oidc.issuer").GetProperty("variable").GetString());
        Assert.Equal("default", settings.GetProperty("auth.auth_provider_command").GetProperty("source").GetString());
        Assert.DoesNotContain("From the file", status.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("idp.example.com", status.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("status")]
    [InlineData("start")]
    [InlineData("models")]
    [InlineData("chat -m hi")]
    [InlineData("use-model grok-4.3")]
    [InlineData("logout")]
    public async Task EveryVerb_WithAWrongType_IsInvalidConfigurationNamingFileLineAndKey(string verb)
    {
        await using var cli = await CliHarness.StartAsync();
        var config = WriteConfig(cli, "[auth]\nauth_provider_label = \"Acme\"\nauth_token_ttl = \"an hour\"\n");

        var run = await cli.RunAsync(verb.Split(' '));

        var json = AssertFailure(run, "invalid_configuration");
        Assert.Contains($"{config}:3: auth.auth_token_ttl", json.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains(config, json.GetProperty("hint").GetString(), StringComparison.Ordinal);
        Assert.Empty(cli.Control.Counters);
    }

    [Fact]
    public async Task Status_WithASyntaxError_IsInvalidConfigurationNamingFileLineAndKey()
    {
        await using var cli = await CliHarness.StartAsync();
        var config = WriteConfig(cli, $"[grok_com_config.oidc]\nclient_id = \"abc\"\n\n[model.\"grok-4.3\"]\napi_key = {ModelKey}\n");

        var run = await cli.RunAsync("status");

        var json = AssertFailure(run, "invalid_configuration");
        Assert.Contains($"{config}:5: model.\"grok-4.3\".api_key", json.GetProperty("detail").GetString(), StringComparison.Ordinal);
        SecretScan.AssertAbsent(run.Stdout + run.Stderr + cli.LogText, new Dictionary<string, string> { ["model key's tail"] = "config-toml-model-key" });
    }

    [Fact]
    public async Task EveryVerb_WithAnApiKeyOthersCanRead_IsRefusedLikeAnUnsafeStateFile()
    {
        await using var cli = await CliHarness.StartAsync();
        var config = WriteConfig(cli, $"[model.\"grok-4.3\"]\napi_key = \"{ModelKey}\"\n");
        File.SetUnixFileMode(config, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        foreach (var verb in new[] { "status", "chat -m hi", "models" })
        {
            var run = await cli.RunAsync(verb.Split(' '));

            var json = AssertFailure(run, "credential_store_error");
            Assert.Contains("0644", json.GetProperty("detail").GetString(), StringComparison.Ordinal);
            Assert.Contains($"chmod 600 '{config}'", json.GetProperty("hint").GetString(), StringComparison.Ordinal);
        }

        Assert.Empty(cli.Control.Counters);
        SecretScan.AssertAbsent(string.Concat(cli.Runs.Select(run => run.Stdout + run.Stderr)) + cli.LogText, Secrets);
    }

    [Fact]
    public async Task XaiGrokConfig_IsReadOnly_EveryVerbLeavesItsBytesAndMtime()
    {
        await using var cli = await CliHarness.StartAsync(new EmulatorOptions { PollIntervalSeconds = 1, ApiKeys = [ModelKey] });
        var config = Path.Combine(cli.Home.Parent, "grok", "config.toml");
        Directory.CreateDirectory(Path.GetDirectoryName(config)!);
        var content = "# the person's own Grok CLI file\n[auth]\nauth_provider_label = \"Acme\"\n\n[model.\"grok-4.3\"]\napi_key = \"" + ModelKey + "\"\n";
        File.WriteAllText(config, content);
        File.SetUnixFileMode(config, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var written = new DateTime(2024, 1, 2, 3, 4, 5, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(config, written);
        cli.Environment["XAI_GROK_CONFIG"] = config;

        var runs = new List<CliRun>();
        foreach (var verb in new[] { "status", "start", "poll", "models", "chat -m hi", "use-model grok-4.3", "refresh", "logout" })
        {
            runs.Add(await cli.RunAsync(verb.Split(' ')));
            Assert.Equal(content, File.ReadAllText(config));
            Assert.Equal(written, File.GetLastWriteTimeUtc(config));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(config));
        }

        Assert.True(runs[4].ExitCode == 0, runs[4].ToString());
        Assert.False(File.Exists(Path.Combine(cli.Home.Path, "config.toml")));
    }

    private static string WriteConfig(CliHarness cli, string toml)
    {
        Directory.CreateDirectory(cli.Home.Path);
        File.SetUnixFileMode(cli.Home.Path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var path = Path.Combine(cli.Home.Path, "config.toml");
        File.WriteAllText(path, toml.ReplaceLineEndings("\n"));
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return path;
    }

    private static JsonElement AssertFailure(CliRun run, string code)
    {
        Assert.True(run.ExitCode == 1, run.ToString());
        using var document = JsonDocument.Parse(run.Stdout);
        var json = document.RootElement.Clone();
        Assert.False(json.GetProperty("ok").GetBoolean());
        Assert.Equal(code, json.GetProperty("error").GetString());
        CliHarness.AssertNoStackTrace(run);
        return json;
    }
}
