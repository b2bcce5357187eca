using XaiGrok.Onboarding.Config;
using XaiGrok.Onboarding.Tests.Support;
using Xunit;

namespace XaiGrok.Onboarding.Tests.Config;

/// <summary>
/// <c>config.toml</c> as the Grok CLI writes it, read through <see cref="EnvironmentOptionsReader"/>: its sections and
/// keys, the variables that win over it, and the problems that name file, line and key.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class ConfigTomlTests : IDisposable
{
    private const string Secret = "xai-config-toml-canary-7781";

    private readonly TestHome home = new();

    public ConfigTomlTests() => Directory.CreateDirectory(home.Path);

    private string ConfigPath => Path.Combine(home.Path, "config.toml");

    public void Dispose() => home.Dispose();

    [Fact]
    public void Read_EverySectionAndKey_IsUsed()
    {
        Write("""
            [auth]
            auth_provider_command = "/usr/local/bin/my-auth-provider"
            auth_provider_label = "Acme Corp"
            auth_token_ttl = 3600

            [grok_com_config.oidc]
            issuer = "https://acme.okta.com"
            client_id = "0oa1b2c3d4e5f6g7h8i9"
            scopes = ["openid", "offline_access", "api:access"]
            audience = "https://api.acme.com"

            [model."grok-4.3"]
            api_key = "xai-config-toml-canary-7781"

            [model."grok-build-0.1"]
            env_key = "MY_BUILD_KEY"
            """);

        var options = Read();

        Assert.Empty(options.InvalidSettings);
        Assert.Equal("/usr/local/bin/my-auth-provider", options.ProviderCommand);
        Assert.Equal("Acme Corp", options.ProviderLabel);
        Assert.Equal(TimeSpan.FromSeconds(3600), options.ProviderTokenTtl);
        Assert.Equal(new Uri("https://acme.okta.com"), options.OidcIssuer);
        Assert.Equal("0oa1b2c3d4e5f6g7h8i9", options.OidcClientId);
        Assert.Equal("openid offline_access api:access", options.OidcScopes);
        Assert.Equal("https://api.acme.com", options.OidcAudience);
        Assert.Equal(Secret, options.ConfigModelKeys["grok-4.3"].Entry.ApiKey);
        Assert.Equal("MY_BUILD_KEY", options.ConfigModelKeys["grok-build-0.1"].Entry.EnvKey);
        Assert.Equal(ConfigPath, options.ConfigFile);
        Assert.Equal(new SettingSource(SettingSource.File, ConfigPath, 4), options.SettingSources!["auth.auth_token_ttl"]);
        Assert.Equal(12, options.ConfigModelKeys["grok-4.3"].Line);
    }

    [Fact]
    public void Read_Variables_WinOverTheFile_KeyByKey()
    {
        Write("""
            [auth]
            auth_provider_command = "from-file"
            auth_provider_label = "File label"

            [grok_com_config.oidc]
            issuer = "https://file.example.com"
            client_id = "file-client"
            """);

        var options = Read(("GROK_AUTH_PROVIDER_COMMAND", "from-variable"), ("GROK_OIDC_ISSUER", "https://variable.example.com"));

        Assert.Equal("from-variable", options.ProviderCommand);
        Assert.Equal("File label", options.ProviderLabel);
        Assert.Equal(new Uri("https://variable.example.com"), options.OidcIssuer);
        Assert.Equal("file-client", options.OidcClientId);
        Assert.Equal(new SettingSource(SettingSource.Variable, "GROK_AUTH_PROVIDER_COMMAND"), options.SettingSources!["auth.auth_provider_command"]);
        Assert.Equal(SettingSource.File, options.SettingSources["auth.auth_provider_label"].Kind);
        Assert.Equal(SettingSource.Default, options.SettingSources["grok_com_config.oidc.audience"].Kind);
    }

    [Fact]
    public void Read_UnknownSectionsAndKeys_AreIgnored()
    {
        Write("""
            theme = "dark"
            [auth]
            auth_provider_label = "Acme"
            something_new = [1, 2]
            [ui.colors]
            accent = "#ff0000"
            [model."grok-4.3"]
            temperature = 0.2
            """);

        var options = Read();

        Assert.Empty(options.InvalidSettings);
        Assert.Equal("Acme", options.ProviderLabel);
        Assert.Empty(options.ConfigModelKeys);
    }

    [Theory]
    [InlineData("[auth]\nauth_token_ttl = \"3600\"\n", 2, "auth.auth_token_ttl")]
    [InlineData("[auth]\nauth_provider_command = 7\n", 2, "auth.auth_provider_command")]
    [InlineData("auth = \"x\"\n", 1, "auth")]
    [InlineData("[grok_com_config.oidc]\nissuer = \"http://idp.example.com\"\n", 2, "grok_com_config.oidc.issuer")]
    [InlineData("[grok_com_config.oidc]\nscopes = [\"openid\", 1]\n", 2, "grok_com_config.oidc.scopes")]
    [InlineData("\n\n[model.\"grok-4.3\"]\napi_key = true\n", 4, "model.\"grok-4.3\".api_key")]
    [InlineData("[auth]\nauth_token_ttl = -1\n", 2, "auth.auth_token_ttl")]
    public void Read_AKnownKeyOfTheWrongType_IsInvalidNamingFileLineAndKey(string toml, int line, string key)
    {
        Write(toml);

        var failure = InvalidSetting.FailureFor(Read().InvalidSettings);

        Assert.NotNull(failure);
        Assert.Equal("invalid_configuration", failure.Code);
        Assert.Contains($"{ConfigPath}:{line}: {key}", failure.Detail, StringComparison.Ordinal);
        Assert.Contains(ConfigPath, failure.Hint, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[auth]\nauth_provider_label = \"ok\"\nauth_token_ttl = = 5\n", 3, "auth.auth_token_ttl")]
    [InlineData("[auth]\nauth_provider_label = \"a\"\nauth_provider_label = \"b\"\n", 3, "auth.auth_provider_label")]
    [InlineData("[model.\"grok-4.3\"]\napi_key = xai-config-toml-canary-7781\n", 2, "model.\"grok-4.3\".api_key")]
    public void Read_ASyntaxError_IsInvalidNamingFileLineAndKey_WithoutTheValue(string toml, int line, string key)
    {
        Write(toml);

        var failure = InvalidSetting.FailureFor(Read().InvalidSettings);

        Assert.NotNull(failure);
        Assert.Equal("invalid_configuration", failure.Code);
        Assert.Contains($"{ConfigPath}:{line}: {key}", failure.Detail, StringComparison.Ordinal);
        SecretScan.AssertAbsent(failure.Detail + failure.Hint, new Dictionary<string, string> { ["api key"] = Secret, ["its tail"] = "config-toml-canary" });
    }

    [Fact]
    public void Read_AnApiKeyOthersCanRead_IsRefused()
    {
        Write($"[model.\"grok-4.3\"]\napi_key = \"{Secret}\"\n");
        File.SetUnixFileMode(ConfigPath, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);

        var options = Read();
        var failure = InvalidSetting.FailureFor(options.InvalidSettings);

        Assert.NotNull(failure);
        Assert.Equal("credential_store_error", failure.Code);
        Assert.Contains("0640", failure.Detail, StringComparison.Ordinal);
        Assert.Contains($"chmod 600 '{ConfigPath}'", failure.Hint, StringComparison.Ordinal);
        Assert.Empty(options.ConfigModelKeys);

        // Read only: the module never tightens the person's file itself.
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead, File.GetUnixFileMode(ConfigPath));
    }

    [Fact]
    public void Read_AReadableFileWithoutApiKeys_IsUsed()
    {
        Write("[model.\"grok-4.3\"]\nenv_key = \"MY_KEY\"\n[auth]\nauth_provider_label = \"Acme\"\n");
        File.SetUnixFileMode(ConfigPath, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        var options = Read();

        Assert.Empty(options.InvalidSettings);
        Assert.Equal("Acme", options.ProviderLabel);
    }

    [Fact]
    public void Read_XaiGrokConfig_NamesTheFile_AndAMissingOneIsInvalid()
    {
        var other = Path.Combine(home.Parent, "grok-config.toml");
        File.WriteAllText(other, "[auth]\nauth_provider_label = \"Named\"\n");
        Write("[auth]\nauth_provider_label = \"Home\"\n");

        var named = Read(("XAI_GROK_CONFIG", other));
        var missing = InvalidSetting.FailureFor(Read(("XAI_GROK_CONFIG", other + ".absent")).InvalidSettings);

        Assert.Equal("Named", named.ProviderLabel);
        Assert.Equal(other, named.ConfigFile);
        Assert.NotNull(missing);
        Assert.Equal("invalid_configuration", missing.Code);
        Assert.Contains("does not exist", missing.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_NoFile_IsNoProblem_AndEverySettingIsDefault()
    {
        var options = Read();

        Assert.Empty(options.InvalidSettings);
        Assert.Null(options.ConfigFile);
        Assert.All(ConfigTomlKeys.StatusNames, name => Assert.Equal(SettingSource.Default, options.SettingSources![name].Kind));
    }

    [Fact]
    public void HostBuiltOptions_HaveNoSources()
    {
        Assert.Null(new OnboardingOptions().SettingSources);
    }

    private void Write(string toml)
    {
        File.WriteAllText(ConfigPath, toml.ReplaceLineEndings("\n"));
        File.SetUnixFileMode(ConfigPath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    private OnboardingOptions Read(params (string Name, string Value)[] variables)
    {
        var environment = variables.ToDictionary(v => v.Name, v => v.Value, StringComparer.Ordinal);
        environment["XAI_GROK_HOME"] = home.Path;
        return EnvironmentOptionsReader.Read(name => environment.GetValueOrDefault(name));
    }
}
