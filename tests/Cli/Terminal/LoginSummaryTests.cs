using Microsoft.Extensions.Time.Testing;
using XaiGrok.Onboarding.Cli.Terminal;
using XaiGrok.Onboarding.Credentials;
using XaiGrok.Onboarding.Errors;
using XaiGrok.Onboarding.Models;
using XaiGrok.Onboarding.SignIn;
using XaiGrok.Onboarding.Tests.Support;
using Xunit;

namespace XaiGrok.Onboarding.Tests.Cli.Terminal;

public sealed class LoginSummaryTests
{
    private const string AccessToken = "eyJhbGciOiJSUzI1NiJ9.eyJ0aWVyIjo1fQ.c3VtbWFyeS1zaWduYXR1cmU";
    private static readonly DateTimeOffset Now = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>A connection as the engine reports it, through the same mapping the CLI prints.</summary>
    private static SkillResult Connected(long? tier = 5, ModelsView? models = null, Failure? modelsProblem = null)
    {
        var credential = new Credential { Source = CredentialSources.OAuth, AccessToken = AccessToken, ExpiresAt = Now.AddHours(6), ObtainedAt = Now, Tier = tier };
        var polled = new PollResult { Connected = true, Credential = credential, Models = models, ModelsProblem = modelsProblem };
        return ResultMapper.Polled(GrokSignInProgress.From(polled, null, new FakeTimeProvider(Now), new XaiGrok.Onboarding.Secrets.SecretRegistry()));
    }

    [Fact]
    public void Connected_SaysTheSubscriptionTheModelsAndHowToChat()
    {
        var list = ModelCatalog.Build(["grok-4.3", "grok-build-0.1", "grok-imagine-image"], Now);

        var text = LoginSummary.Write(Connected(models: new ModelsView(list, false)));

        Assert.StartsWith("Connected to xAI: SuperGrok Heavy subscription (tier 5).\n", text, StringComparison.Ordinal);
        Assert.Contains("Session valid until 2025-01-01 06:00 UTC", text, StringComparison.Ordinal);
        Assert.Contains($"{list.Chat.Count} chat models:\n  xai-grok/grok-4.3\n", text, StringComparison.Ordinal);
        Assert.All(list.Chat, model => Assert.Contains("  " + model.Id + "\n", text, StringComparison.Ordinal));
        Assert.Contains("1 image and video models: xai-grok/grok-imagine-image", text, StringComparison.Ordinal);
        Assert.Contains("Chat: xai-grok-onboarding chat -m \"Hello\" (default model xai-grok/grok-4.3", text, StringComparison.Ordinal);
        Assert.True(LoginSummary.Connected(Connected()));
    }

    [Fact]
    public void Connected_UnknownTier_SaysUnknownWithoutANumber()
    {
        var text = LoginSummary.Write(Connected(tier: null));

        Assert.StartsWith("Connected to xAI: unknown subscription.\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Connected_ModelListFailed_SaysSoAndWhatToRun()
    {
        var text = LoginSummary.Write(Connected(modelsProblem: new Failure(ErrorCodes.UpstreamUnavailable, "xAI answered 503.")));

        Assert.Contains("The model list could not be read (xAI answered 503.); run xai-grok-onboarding models later.", text, StringComparison.Ordinal);
        Assert.DoesNotContain("chat models:", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Failed_GivesTheErrorTheDetailAndTheHintInWords()
    {
        var failed = ResultMapper.Fail(new Failure(ErrorCodes.AccessDenied, "xAI denied the sign-in.", Hints.AccountGate));

        var text = LoginSummary.Write(failed);

        Assert.Equal($"Sign-in failed (access_denied): xAI denied the sign-in.\nWhat to do: {Hints.AccountGate}\n", text.Replace("\r\n", "\n", StringComparison.Ordinal));
        Assert.False(LoginSummary.Connected(failed));
    }

    [Fact]
    public void Failed_RateLimited_SaysWhenToTryAgain()
    {
        var failed = ResultMapper.Fail(new Failure(ErrorCodes.RateLimited, "too many requests.") { RetryAfterSeconds = 30 });

        Assert.Contains("Try again in 30 s.", LoginSummary.Write(failed), StringComparison.Ordinal);
    }

    [Fact]
    public void StillPendingWhenTheWaitEnded_IsNotALogin()
    {
        var pending = new ResultFields().Add("ok", true).Add("status", "pending").ToResult();

        Assert.False(LoginSummary.Connected(pending));
        Assert.Contains("not approved before its code expired", LoginSummary.Write(pending), StringComparison.Ordinal);
    }

    [Fact]
    public void Summary_NeverHoldsAToken()
    {
        var text = LoginSummary.Write(Connected(models: new ModelsView(ModelCatalog.Build(["grok-4.3"], Now), false)));

        SecretScan.AssertAbsent(text, new Dictionary<string, string> { ["access token"] = AccessToken });
    }
}
