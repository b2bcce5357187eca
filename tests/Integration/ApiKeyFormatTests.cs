using System.Runtime.Versioning;
using XaiGrok.Onboarding.Runtime;
using XaiGrok.Onboarding.Tests.Support;
using Xunit;

namespace XaiGrok.Onboarding.Tests.Integration;

/// <summary>
/// An API key that cannot go into an Authorization header (a non-ASCII character, a line break, a space inside) is
/// <c>invalid_configuration</c> naming where it came from, before any request: never <c>network_error</c>, never a
/// FormatException.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class ApiKeyFormatTests
{
    private static readonly ChatMessage[] Hello = [ChatMessage.User("hello")];

    // By name: a test runner reports theory arguments, and line breaks or control characters in them do not survive it.
    private static readonly Dictionary<string, string> BadKeys = new()
    {
        ["accent"] = "xai-k\u00e9y-0001",
        ["line feed"] = "xai-key\n0001",
        ["header injection"] = "xai-key\r\nX-Injected: 1",
        ["space"] = "xai key 0001",
        ["control character"] = "xai-key-\u0007-0001",
        ["emoji"] = "xai-\U0001F511-key",
    };

    public static TheoryData<string> BadKeyNames() => [.. BadKeys.Keys];

    [Theory]
    [MemberData(nameof(BadKeyNames))]
    public async Task XaiApiKey_ThatCannotBeAHeader_IsInvalidConfiguration_AndNothingIsSent(string kind)
    {
        var key = BadKeys[kind];
        using var server = new HostileStreamServer(HostileStream.SlowContent);
        using var home = new TestHome();
        var options = new OnboardingOptions { Home = home.Path, Issuer = new Uri("http://127.0.0.1:9"), ApiBaseUrl = server.ApiBaseUrl, ApiKey = key };
        using var module = new GrokOnboarding(new OnboardingRuntime(options, TimeProvider.System, environment: _ => null));

        var chat = await module.ChatAsync("xai-grok/grok-4.3", Hello, cancellationToken: TestContext.Current.CancellationToken);
        var models = await module.ModelsAsync(force: true, TestContext.Current.CancellationToken);

        foreach (var result in new[] { chat, models })
        {
            Assert.Equal("invalid_configuration", result.Error);
            Assert.Contains("XAI_API_KEY", (string)result["detail"]!, StringComparison.Ordinal);
            Assert.DoesNotContain(key, result.ToJson(), StringComparison.Ordinal);
        }

        Assert.Equal(0, server.Requests);
    }

    [Theory]
    [InlineData("api_key")]
    [InlineData("env_key")]
    public async Task PerModelKey_ThatCannotBeAHeader_IsInvalidConfiguration_NamingIt_AndNothingIsSent(string kind)
    {
        using var server = new HostileStreamServer(HostileStream.SlowContent);
        using var home = new TestHome();
        var options = new OnboardingOptions { Home = home.Path, Issuer = new Uri("http://127.0.0.1:9"), ApiBaseUrl = server.ApiBaseUrl };
        using var runtime = new OnboardingRuntime(options, TimeProvider.System, environment: name => name == "MY_GROK_KEY" ? "k\u00e9y-from-env" : null);
        runtime.EnsureHome();
        File.WriteAllText(
            Path.Combine(home.Path, "config.json"),
            kind == "api_key" ? """{"models":{"grok-4.3":{"api_key":"per-model\nkey"}}}""" : """{"models":{"grok-4.3":{"env_key":"MY_GROK_KEY"}}}""");
        using var module = new GrokOnboarding(runtime);

        var chat = await module.ChatAsync("xai-grok/grok-4.3", Hello, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal("invalid_configuration", chat.Error);
        var detail = (string)chat["detail"]!;
        Assert.Contains(kind == "api_key" ? "config.json" : "MY_GROK_KEY", detail, StringComparison.Ordinal);
        Assert.Contains("grok-4.3", detail, StringComparison.Ordinal);
        Assert.DoesNotContain("per-model", chat.ToJson(), StringComparison.Ordinal);
        Assert.DoesNotContain("from-env", chat.ToJson(), StringComparison.Ordinal);
        Assert.Equal(0, server.Requests);
    }

    [Fact]
    public async Task Cli_XaiApiKeyWithALineBreak_IsInvalidConfiguration_WithoutAStackTrace()
    {
        using var server = new HostileStreamServer(HostileStream.SlowContent);
        using var home = new TestHome();
        var environment = new Dictionary<string, string>
        {
            ["XAI_GROK_HOME"] = home.Path,
            ["XAI_OAUTH_ISSUER"] = "http://127.0.0.1:9",
            ["XAI_API_BASE_URL"] = server.ApiBaseUrl.AbsoluteUri,
            ["XAI_API_KEY"] = "xai-canary\nsecond-line",
        };

        var run = await CliRunner.RunAsync(environment, "chat", "--message", "hello");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("invalid_configuration", run.Json.GetProperty("error").GetString());
        Assert.Contains("XAI_API_KEY", run.Json.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("canary", run.Stdout + run.Stderr, StringComparison.Ordinal);
        Assert.Equal(0, server.Requests);
    }
}
