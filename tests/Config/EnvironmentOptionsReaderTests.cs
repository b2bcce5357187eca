using XaiGrok.Onboarding.Config;
using Xunit;

namespace XaiGrok.Onboarding.Tests.Config;

public sealed class EnvironmentOptionsReaderTests
{
    private static readonly string UserProfile = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);

    private static OnboardingOptions Read(params (string Name, string? Value)[] variables)
    {
        var environment = variables.ToDictionary(v => v.Name, v => v.Value, StringComparer.Ordinal);
        return EnvironmentOptionsReader.Read(name => environment.GetValueOrDefault(name));
    }

    [Fact]
    public void Read_EmptyEnvironment_GivesTheDocumentedDefaults()
    {
        var options = Read();

        Assert.Equal(new Uri("https://auth.x.ai"), options.Issuer);
        Assert.Null(options.ClientId);
        Assert.Equal("openid profile email offline_access api:access", options.Scopes);
        Assert.Equal(new Uri("https://api.x.ai/v1"), options.ApiBaseUrl);
        Assert.Equal(Path.Combine(UserProfile, ".xai-grok"), options.Home);
        Assert.Equal(TimeSpan.FromSeconds(600), options.ModelsCacheTtl);
        Assert.Equal(TimeSpan.FromSeconds(300), options.EarlyRefresh);
        Assert.Empty(options.Warnings);
    }

    [Fact]
    public void Read_BlankValues_CountAsUnset()
    {
        var options = Read(("XAI_OAUTH_CLIENT_ID", "   "), ("XAI_OAUTH_SCOPES", ""), ("XAI_MODELS_CACHE_TTL", " \t "), ("XAI_OAUTH_ISSUER", " "));

        Assert.Null(options.ClientId);
        Assert.Equal("openid profile email offline_access api:access", options.Scopes);
        Assert.Equal(TimeSpan.FromSeconds(600), options.ModelsCacheTtl);
        Assert.Equal(new Uri("https://auth.x.ai"), options.Issuer);
        Assert.Empty(options.Warnings);
    }

    [Fact]
    public void Read_EachVariable_IsUsed()
    {
        var home = Path.Combine(Path.GetTempPath(), "xai-grok-state");

        var options = Read(
            ("XAI_OAUTH_ISSUER", "http://127.0.0.1:5000"),
            ("XAI_OAUTH_CLIENT_ID", " platform-client "),
            ("XAI_OAUTH_SCOPES", "openid offline_access"),
            ("XAI_API_BASE_URL", "http://127.0.0.1:5000/v1"),
            ("XAI_GROK_HOME", home),
            ("XAI_MODELS_CACHE_TTL", "42"),
            ("GROK_AUTH_EARLY_INVALIDATION_SECS", "120"));

        Assert.Equal(new Uri("http://127.0.0.1:5000"), options.Issuer);
        Assert.Equal("platform-client", options.ClientId);
        Assert.Equal("openid offline_access", options.Scopes);
        Assert.Equal(new Uri("http://127.0.0.1:5000/v1"), options.ApiBaseUrl);
        Assert.Equal(home, options.Home);
        Assert.Equal(TimeSpan.FromSeconds(42), options.ModelsCacheTtl);
        Assert.Equal(TimeSpan.FromSeconds(120), options.EarlyRefresh);
        Assert.Empty(options.Warnings);
    }

    [Fact]
    public void Read_ChatProxyBaseUrl_OverridesApiBaseUrl()
    {
        var options = Read(("XAI_API_BASE_URL", "https://api.x.ai/v1"), ("GROK_CLI_CHAT_PROXY_BASE_URL", "https://proxy.example.com/v1"));

        Assert.Equal(new Uri("https://proxy.example.com/v1"), options.ApiBaseUrl);
    }

    [Fact]
    public void Read_ChatProxyBaseUrlAlone_OverridesTheDefault() =>
        Assert.Equal(new Uri("https://proxy.example.com/v1"), Read(("GROK_CLI_CHAT_PROXY_BASE_URL", "https://proxy.example.com/v1")).ApiBaseUrl);

    [Fact]
    public void Read_UrlWithTrailingSlash_LosesTheSlash() =>
        Assert.Equal("https://proxy.example.com/v1", Read(("XAI_API_BASE_URL", "https://proxy.example.com/v1/")).ApiBaseUrl.AbsoluteUri);

    [Theory]
    [InlineData("XAI_MODELS_CACHE_TTL", "ten minutes")]
    [InlineData("XAI_MODELS_CACHE_TTL", "-5")]
    [InlineData("XAI_MODELS_CACHE_TTL", "1.5")]
    [InlineData("XAI_MODELS_CACHE_TTL", "99999999999")]
    [InlineData("GROK_AUTH_EARLY_INVALIDATION_SECS", "5m")]
    [InlineData("GROK_AUTH_TOKEN_TTL", "1h")]
    public void Read_SecondsThatDoNotParse_AreAnInvalidSettingNamingTheVariable(string name, string value)
    {
        var options = Read((name, value));

        var invalid = Assert.Single(options.InvalidSettings);
        Assert.Equal(name, invalid.Variable);
        Assert.Contains(name, invalid.Problem, StringComparison.Ordinal);
        Assert.Empty(options.Warnings);
    }

    [Fact]
    public void Read_StreamLimits_AreUsed_AndUnsetMeansTheDefault()
    {
        var options = Read(("XAI_GROK_STREAM_IDLE_TIMEOUT", "5"), ("XAI_GROK_STREAM_TIMEOUT", "90"), ("XAI_GROK_STREAM_MAX_CHARS", "1000"));

        Assert.Equal(TimeSpan.FromSeconds(5), options.StreamIdleTimeout);
        Assert.Equal(TimeSpan.FromSeconds(90), options.StreamTimeout);
        Assert.Equal(1000, options.StreamMaxAnswerChars);
        Assert.Empty(options.Warnings);
        Assert.Null(Read().StreamTimeout);
    }

    [Theory]
    [InlineData("XAI_GROK_STREAM_IDLE_TIMEOUT", "0")]
    [InlineData("XAI_GROK_STREAM_TIMEOUT", "ten minutes")]
    [InlineData("XAI_GROK_STREAM_MAX_CHARS", "-1")]
    public void Read_StreamLimitThatIsNotPositive_IsAnInvalidSettingNamingIt(string name, string value)
    {
        var options = Read((name, value));

        Assert.Null(options.StreamIdleTimeout);
        Assert.Null(options.StreamTimeout);
        Assert.Null(options.StreamMaxAnswerChars);
        Assert.Equal(name, Assert.Single(options.InvalidSettings).Variable);
    }

    [Theory]
    [InlineData("XAI_OAUTH_ISSUER", "not a url")]
    [InlineData("XAI_OAUTH_ISSUER", "garbage")]
    [InlineData("XAI_OAUTH_ISSUER", "ftp://auth.example.com")]
    [InlineData("XAI_OAUTH_ISSUER", "http://auth.example.com")]
    [InlineData("XAI_API_BASE_URL", "garbage")]
    [InlineData("GROK_CLI_CHAT_PROXY_BASE_URL", "not a url")]
    [InlineData("GROK_OIDC_ISSUER", "garbage")]
    public void Read_UrlThatDoesNotParse_IsAnInvalidSettingNamingTheVariable(string name, string value)
    {
        var options = Read((name, value));

        var invalid = Assert.Single(options.InvalidSettings);
        Assert.Equal(name, invalid.Variable);
        Assert.Contains(name, invalid.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_UrlWithAPassword_DoesNotShowTheValue()
    {
        var invalid = Assert.Single(Read(("XAI_API_BASE_URL", "http://user:hunter2@api.example.com")).InvalidSettings);

        Assert.DoesNotContain("hunter2", invalid.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ValidSettings_AreNotInvalid() =>
        Assert.Empty(Read(("XAI_OAUTH_ISSUER", "https://auth.x.ai"), ("XAI_API_BASE_URL", "http://[::1]:8080/v1"), ("GROK_AUTH_TOKEN_TTL", "60")).InvalidSettings);

    [Fact]
    public void Read_SecondsWithSurroundingSpaces_AreRead() =>
        Assert.Equal(TimeSpan.FromSeconds(30), Read(("XAI_MODELS_CACHE_TTL", " 30 ")).ModelsCacheTtl);

    [Theory]
    [InlineData("~", "")]
    [InlineData("~/", "")]
    [InlineData("~/state", "state")]
    [InlineData("~/a/b", "a/b")]
    public void Read_HomeWithTilde_ExpandsToTheUserProfile(string value, string relative) =>
        Assert.Equal(Path.Combine(UserProfile, relative), Read(("XAI_GROK_HOME", value)).Home);

    [Fact]
    public void Read_RelativeHome_BecomesAFullPath()
    {
        var home = Read(("XAI_GROK_HOME", "relative-state")).Home;

        Assert.True(Path.IsPathFullyQualified(home));
        Assert.Equal(Path.GetFullPath("relative-state"), home);
    }

    [Fact]
    public void FromEnvironment_WithLookup_ReadsTheSameWay() =>
        Assert.Equal("abc", OnboardingOptions.FromEnvironment(name => name == "XAI_OAUTH_CLIENT_ID" ? "abc" : null).ClientId);
}
