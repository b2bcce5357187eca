using Microsoft.Extensions.Logging;
using XaiGrok.Onboarding.Caching;
using XaiGrok.Onboarding.Logging;
using XaiGrok.Onboarding.Runtime;
using XaiGrok.Onboarding.Storage;
using XaiGrok.Onboarding.Tests.Integration;
using XaiGrok.Onboarding.Tests.Support;
using Xunit;

namespace XaiGrok.Onboarding.Tests.Logging;

/// <summary>
/// How a failed call is logged: an expected failure (a storage problem the person can fix) is one warning line with its
/// code; an exception nobody expected is one error line naming its type, and its stack trace only at debug or trace.
/// </summary>
public sealed class FailureLoggingTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task LockTimeout_IsOneWarningLine_WithoutExceptionOrUnexpected()
    {
        await using var rig = await Rig.StartAsync(configure: options => options with { LockTimeout = TimeSpan.FromSeconds(10) });
        var module = rig.NewModule();
        await rig.ConnectAsync(module);
        var paths = new StatePaths(rig.Home);
        var before = rig.Log.Lines.Count;

        SkillResult refused;
        using (await CrossProcessLock.AcquireAsync(paths.CredentialLock, TimeSpan.FromSeconds(1), rig.Clock, Ct))
        {
            refused = await rig.AdvancingAsync(module.RefreshAsync(Ct));
        }

        Assert.Equal("credential_store_error", refused.Error);
        var logged = rig.Log.Lines.Skip(before).Where(line => line.Contains("RefreshAsync", StringComparison.Ordinal)).ToArray();
        var line = Assert.Single(logged);
        Assert.StartsWith("Warning", line, StringComparison.Ordinal);
        Assert.Contains("RefreshAsync failed: credential_store_error", line, StringComparison.Ordinal);
        Assert.DoesNotContain(rig.Log.Lines, l => l.Contains("unexpected", StringComparison.OrdinalIgnoreCase) || l.Contains("   at ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task UnsafeStateFolder_IsOneWarningLine_WithoutException()
    {
        await using var rig = await Rig.StartAsync();
        Directory.CreateDirectory(rig.Home);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(rig.Home, (UnixFileMode)0x1FF);
        }

        var status = await rig.NewModule().StatusAsync(Ct);

        Assert.Equal("credential_store_error", status.Error);
        var line = Assert.Single(rig.Log.Lines);
        Assert.StartsWith("Warning", line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(LogLevel.Error, false)]
    [InlineData(LogLevel.Information, false)]
    [InlineData(LogLevel.Debug, true)]
    [InlineData(LogLevel.Trace, true)]
    public async Task UnexpectedException_OneErrorLine_StackTraceOnlyAtDebugOrTrace(LogLevel level, bool traced)
    {
        await using var rig = await Rig.StartAsync();
        using var captured = new CapturedLog();
        using var factory = new DeferredLoggerFactory(level, () => captured);
        using var module = new GrokOnboarding(new OnboardingRuntime(rig.Options, rig.Clock, handler: new ThrowingHandler(), environment: _ => null, loggerFactory: factory));

        var started = await module.StartAsync(Ct);

        Assert.Equal("internal_error", started.Error);
        var crashed = Assert.Single(captured.Lines, line => line.StartsWith("Error", StringComparison.Ordinal));
        Assert.Contains("StartSignInAsync failed unexpectedly: InvalidOperationException", crashed, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", crashed, StringComparison.Ordinal);
        Assert.Equal(traced, captured.Lines.Any(line => line.Contains("   at ", StringComparison.Ordinal)));
    }

    private sealed class ThrowingHandler : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("a bug in a handler");
    }
}
