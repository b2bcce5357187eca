using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using XaiGrok.Onboarding.Caching;
using XaiGrok.Onboarding.Logging;
using XaiGrok.Onboarding.Runtime;
using XaiGrok.Onboarding.Tests.Integration;
using XaiGrok.Onboarding.Tests.Support;
using Xunit;

namespace XaiGrok.Onboarding.Tests.Logging;

/// <summary>The module's log at trace level: what it says about each step, and that it never says a secret.</summary>
public sealed class ModuleLoggingTests
{
    private static readonly TimeSpan SixHours = TimeSpan.FromSeconds(21600);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Trace_SignInRefreshAndChat_DescribeEachStep_WithoutASecret()
    {
        await using var rig = await Rig.StartAsync();
        var module = rig.NewModule();
        await rig.ConnectAsync(module);
        rig.Clock.Advance(SixHours);
        Assert.True((await module.StatusAsync(Ct)).Ok);
        var chat = await module.ChatAsync("xai-grok/grok-4.3", [new ChatMessage("user", "hello")], cancellationToken: Ct);
        Assert.True(chat.Ok, chat.ToJson());

        var log = rig.Log.Text;
        Assert.Contains("device sign-in", log, StringComparison.Ordinal);
        Assert.Contains("/oauth2/token -> 200", log, StringComparison.Ordinal);
        Assert.Contains("grant_type=refresh_token&refresh_token=[redacted]", log, StringComparison.Ordinal);
        Assert.Contains("device_code=[redacted]", log, StringComparison.Ordinal);
        Assert.Contains("Authorization: Bearer [redacted]", log, StringComparison.Ordinal);
        Assert.Contains("access token refreshed", log, StringComparison.Ordinal);
        Assert.Contains("chat with xai-grok/grok-4.3", log, StringComparison.Ordinal);
        Assert.Contains("ChatAsync ok", log, StringComparison.Ordinal);
        SecretScan.AssertAbsent(log, rig.Emulator.Control.IssuedSecrets());
        SecretScan.AssertAbsent(log, rig.SecretsOnDisk());
    }

    [Fact]
    public async Task Failure_IsLoggedAsAWarningWithItsCode()
    {
        await using var rig = await Rig.StartAsync();

        var polled = await rig.NewModule().PollAsync(cancellationToken: Ct);

        Assert.False(polled.Ok);
        Assert.Contains(rig.Log.Lines, line => line.StartsWith("Warning", StringComparison.Ordinal) && line.Contains("PollAsync failed: no_pending_flow", StringComparison.Ordinal));
    }

    [Fact]
    public async Task DefaultLevel_StatusWithoutRequests_BuildsNoHttpStackAndNoLoggingProvider()
    {
        await using var rig = await Rig.StartAsync();
        await rig.ConnectAsync(rig.NewModule());

        // The module's own logging, as the CLI gets it: error level, no host factory.
        using var runtime = new OnboardingRuntime(rig.Options, rig.Clock, environment: _ => null);
        using var module = new GrokOnboarding(runtime);
        Assert.True((await module.StatusAsync(Ct)).Ok);

        var factory = Assert.IsType<DeferredLoggerFactory>(Assert.IsType<XaiGrok.Onboarding.Secrets.RedactingLoggerFactory>(runtime.Logging).Inner);
        Assert.False(factory.IsBuilt);
        Assert.False(runtime.HttpStackBuilt);
    }

    [Fact]
    public async Task Host_LoggerFactoryFromTheContainer_ReceivesTheModulesMessages()
    {
        await using var rig = await Rig.StartAsync();
        using var captured = new CapturedLog();
        var services = new ServiceCollection();
        services.AddSingleton<ILoggerFactory>(captured);
        services.AddSingleton<TimeProvider>(rig.Clock);
        services.AddXaiGrokOnboarding(_ => rig.Options);
        await using var provider = services.BuildServiceProvider();

        var started = await provider.GetRequiredService<GrokOnboarding>().StartAsync(Ct);

        Assert.True(started.Ok);
        Assert.Contains(captured.Lines, line => line.Contains("XaiGrok.Onboarding.SignIn", StringComparison.Ordinal) && line.Contains("device sign-in", StringComparison.Ordinal));
        SecretScan.AssertAbsent(captured.Text, rig.Emulator.Control.IssuedSecrets());
    }
}
