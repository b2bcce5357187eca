using Xunit;

namespace XaiGrok.Onboarding.Tests.Cli;

/// <summary>
/// A URL or a number of seconds that does not parse is <c>invalid_configuration</c> naming its variable, on every verb,
/// before any request: no default (such as the production issuer) ever stands in for it.
/// </summary>
public sealed class CliInvalidSettingTests
{
    public static TheoryData<string, string> Settings => new()
    {
        { "XAI_OAUTH_ISSUER", "garbage" },
        { "XAI_OAUTH_ISSUER", "garbage:auth" },
        { "XAI_OAUTH_ISSUER", "http://auth.example.com" },
        { "XAI_API_BASE_URL", "garbage" },
        { "GROK_CLI_CHAT_PROXY_BASE_URL", "not a url" },
        { "GROK_OIDC_ISSUER", "garbage" },
        { "XAI_MODELS_CACHE_TTL", "ten minutes" },
        { "GROK_AUTH_EARLY_INVALIDATION_SECS", "-5" },
        { "GROK_AUTH_TOKEN_TTL", "1h" },
    };

    public static TheoryData<string> Verbs => new()
    {
        "status", "start", "poll", "refresh", "models", "chat -m hi", "chat --stream -m hi", "login --json", "use-model grok-4.3", "logout",
    };

    [Theory]
    [MemberData(nameof(Settings))]
    public async Task Status_WithASettingThatDoesNotParse_IsInvalidConfigurationNamingIt(string name, string value)
    {
        await using var cli = await CliHarness.StartAsync();
        cli.Environment[name] = value;

        var run = await cli.RunAsync("status");

        AssertInvalid(run, name);
        Assert.Empty(cli.Control.Counters);
    }

    [Theory]
    [MemberData(nameof(Verbs))]
    public async Task EveryVerb_WithAGarbageIssuer_IsInvalidConfiguration_AndSendsNothing(string verb)
    {
        await using var cli = await CliHarness.StartAsync();
        cli.Environment["XAI_OAUTH_ISSUER"] = "garbage";

        var run = await cli.RunAsync(verb.Split(' '));

        AssertInvalid(run, "XAI_OAUTH_ISSUER", lastLine: verb.Contains("--stream", StringComparison.Ordinal));
        Assert.DoesNotContain("auth.x.ai", run.Stdout, StringComparison.Ordinal);
        Assert.Empty(cli.Control.Counters);
    }

    private static void AssertInvalid(Support.CliRun run, string name, bool lastLine = false)
    {
        Assert.True(run.ExitCode == 1, run.ToString());
        var text = lastLine ? run.Stdout.TrimEnd().Split('\n')[^1] : run.Stdout;
        using var document = System.Text.Json.JsonDocument.Parse(text);
        var json = document.RootElement;
        Assert.False(json.GetProperty("ok").GetBoolean());
        Assert.Equal("invalid_configuration", json.GetProperty("error").GetString());
        Assert.Contains(name, json.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains(name, json.GetProperty("hint").GetString(), StringComparison.Ordinal);
        CliHarness.AssertNoStackTrace(run);
    }
}
