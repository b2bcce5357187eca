using XaiGrok.Onboarding.Credentials;
using XaiGrok.Onboarding.Runtime;
using Xunit;

namespace XaiGrok.Onboarding.Tests.Provider;

/// <summary>
/// <c>status</c> says which sign-in method fills the session (<c>sign_in_method</c>: the first configured of external
/// provider, enterprise OIDC, xAI OAuth) and which one made the active session token (<c>active_sign_in_method</c>).
/// </summary>
public sealed class SignInMethodStatusTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(false, false, "oauth")]
    [InlineData(false, true, "oidc")]
    [InlineData(true, true, "external_provider")]
    [InlineData(true, false, "external_provider")]
    public async Task Status_NamesTheFirstConfiguredSignInMethod(bool provider, bool oidc, string expected)
    {
        using var rig = new ProviderRig();
        var command = provider ? rig.Script("exit 3") : null;

        var status = await rig.Module(command, options => oidc
            ? options with { OidcIssuer = new Uri("https://idp.acme.test"), OidcClientId = "acme-cli" }
            : options).StatusAsync(Ct);

        Assert.True(status.Ok, status.ToJson());
        Assert.Equal(expected, status["sign_in_method"]);
        Assert.Null(status["active_sign_in_method"]);
    }

    [Fact]
    public async Task Status_OidcIssuerWithoutClientId_IsNotOidc()
    {
        using var rig = new ProviderRig();

        var status = await rig.Module(null, options => options with { OidcIssuer = new Uri("https://idp.acme.test") }).StatusAsync(Ct);

        Assert.Equal("oauth", status["sign_in_method"]);
    }

    [Theory]
    [InlineData("oauth")]
    [InlineData("oidc")]
    public async Task Status_ActiveSessionFromAnotherMethod_ShowsBoth(string storedSource)
    {
        using var rig = new ProviderRig();
        var now = TimeProvider.System.GetUtcNow();
        using (var runtime = new OnboardingRuntime(new OnboardingOptions { Home = rig.Home }, TimeProvider.System, environment: _ => null))
        {
            runtime.EnsureHome();
            runtime.Session.Store.Write(new Credential
            {
                Source = storedSource,
                AccessToken = "stored-token-canary-456",
                ExpiresAt = now.AddHours(6),
                ObtainedAt = now.AddHours(-1),
            });
        }

        // OIDC is configured now, whatever made the stored session: that session stays active until it ends.
        var status = await rig.Module(null, options => options with { OidcIssuer = new Uri("https://idp.acme.test"), OidcClientId = "acme-cli" }).StatusAsync(Ct);

        Assert.Equal("oidc", status["sign_in_method"]);
        Assert.Equal(storedSource, status["active_sign_in_method"]);
        Assert.Equal(storedSource, status["source"]);
    }

    [Fact]
    public async Task Status_ProviderFilledTheSession_ActiveIsExternalProvider()
    {
        using var rig = new ProviderRig();

        var status = await rig.Module(rig.Script("echo provider-token-canary-123")).StatusAsync(Ct);

        Assert.Equal("external_provider", status["sign_in_method"]);
        Assert.Equal("external_provider", status["active_sign_in_method"]);
    }

    [Fact]
    public async Task Status_ApiKeyServesTheCalls_NoActiveSignInMethod()
    {
        using var rig = new ProviderRig();

        var status = await rig.Module(null, options => options with { ApiKey = "xai-test-key-canary-0123456789" }).StatusAsync(Ct);

        Assert.Equal("api_key", status["source"]);
        Assert.Equal("oauth", status["sign_in_method"]);
        Assert.Null(status["active_sign_in_method"]);
    }
}
