using XaiGrok.Onboarding.Credentials;
using XaiGrok.Onboarding.Runtime;
using Xunit;

namespace XaiGrok.Onboarding.Tests.Provider;

/// <summary>
/// Which source fills the session token (GROK-CLI-AUTH.md: external provider > enterprise OIDC > xAI OAuth). The
/// provider fills the slot when it needs filling (empty, needing a new sign-in, or expired past refreshing); a
/// usable OIDC or OAuth session is the active session token and is kept; a failed provider falls back to it.
/// </summary>
public sealed class SessionFillingPrecedenceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("works", "none", "external_provider")]
    [InlineData("works", "oidc-fresh", "oidc")]
    [InlineData("works", "oauth-fresh", "oauth")]
    [InlineData("works", "oauth-revoked", "external_provider")]
    [InlineData("works", "oauth-expired-no-refresh", "external_provider")]
    [InlineData("fails", "none", "none")]
    [InlineData("fails", "oidc-fresh", "oidc")]
    [InlineData("fails", "oauth-fresh", "oauth")]
    [InlineData("fails", "oauth-revoked", "none")]
    [InlineData("absent", "none", "none")]
    [InlineData("absent", "oidc-fresh", "oidc")]
    [InlineData("absent", "oauth-fresh", "oauth")]
    public async Task Session_IsFilledByTheFirstAvailableSource(string provider, string stored, string expectedSource)
    {
        using var rig = new ProviderRig();
        var command = provider switch
        {
            "works" => rig.Script("echo provider-token-canary-123"),
            "fails" => rig.Script("exit 3"),
            _ => null,
        };
        var now = TimeProvider.System.GetUtcNow();
        if (stored != "none")
        {
            using var runtime = new OnboardingRuntime(new OnboardingOptions { Home = rig.Home }, TimeProvider.System, environment: _ => null);
            runtime.EnsureHome();
            runtime.Session.Store.Write(new Credential
            {
                Source = stored.StartsWith("oidc", StringComparison.Ordinal) ? CredentialSources.Oidc : CredentialSources.OAuth,
                AccessToken = "stored-token-canary-456",
                ExpiresAt = stored.Contains("expired", StringComparison.Ordinal) ? now.AddMinutes(-1) : now.AddHours(6),
                ObtainedAt = now.AddHours(-1),
                ReauthReason = stored.Contains("revoked", StringComparison.Ordinal) ? "refresh refused: invalid_grant" : null,
            });
        }

        var status = await rig.Module(command).StatusAsync(Ct);

        Assert.Equal(expectedSource, status["source"] as string == "none" || Equals(status["connected"], false) ? "none" : status["source"]);
    }
}
