using XaiGrok.Onboarding.Oidc;
using Xunit;

namespace XaiGrok.Onboarding.Tests.Oidc;

public sealed class OidcFailuresTests
{
    [Fact]
    public void Refused_DescriptionWithBidiOverrides_IsShownWithoutThem()
    {
        var failure = OidcFailures.Refused("access_denied", "user \u202Enimda\u202C said no.");

        Assert.Equal("the identity provider ended the sign-in with access_denied: user nimda said no.", failure.Detail);
    }

    [Fact]
    public void Refused_LongDescription_IsCutTo200Characters() =>
        Assert.Equal(
            $"the identity provider ended the sign-in with invalid_scope: {new string('d', 200)}.",
            OidcFailures.Refused("invalid_scope", new string('d', 500)).Detail);
}
