using XaiGrok.Onboarding.Cli;
using Xunit;

namespace XaiGrok.Onboarding.Tests.Cli;

/// <summary>Which sign-in <c>login</c> runs: a flag decides; else OIDC when configured, else the browser where one opens, else the device code.</summary>
public sealed class LoginFlowChoiceTests
{
    [Theory]
    [InlineData(true, false, false, true, false, "OAuth")]
    [InlineData(false, true, false, false, true, "Oidc")]
    [InlineData(false, false, true, true, true, "DeviceCode")]
    [InlineData(false, false, false, true, true, "Oidc")]
    [InlineData(false, false, false, true, false, "Oidc")]
    [InlineData(false, false, false, false, true, "OAuth")]
    [InlineData(false, false, false, false, false, "DeviceCode")]
    public void Choose_FollowsTheFlag_ElseTheSeedsOrder(bool oauth, bool oidc, bool device, bool oidcConfigured, bool browser, string expected)
    {
        Assert.Equal(expected, LoginFlowChoice.Choose(oauth, oidc, device, oidcConfigured, () => browser).ToString());
    }

    [Fact]
    public void Choose_WithAFlag_DoesNotAskWhetherABrowserOpens()
    {
        var asked = false;

        LoginFlowChoice.Choose(oauth: false, oidc: false, deviceCode: true, oidcConfigured: false, () => asked = true);

        Assert.False(asked);
    }
}
