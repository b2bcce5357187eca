using System.Runtime.Versioning;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using XaiGrok.Onboarding.Logging;
using XaiGrok.Onboarding.Tests.Support;
using Xunit;

namespace XaiGrok.Onboarding.Tests.Logging;

[SupportedOSPlatform("linux")]
public sealed class LoggingSetupTests
{
    [Theory]
    [InlineData("trace", LogLevel.Trace)]
    [InlineData("DEBUG", LogLevel.Debug)]
    [InlineData("info", LogLevel.Information)]
    [InlineData("information", LogLevel.Information)]
    [InlineData(" warn ", LogLevel.Warning)]
    [InlineData("error", LogLevel.Error)]
    [InlineData("critical", LogLevel.Critical)]
    [InlineData("off", LogLevel.None)]
    public void XaiGrokLog_ReadsEveryLevelName(string value, LogLevel expected)
    {
        var options = OnboardingOptions.FromEnvironment(name => name == "XAI_GROK_LOG" ? value : null);

        Assert.Equal(expected, options.LogLevel);
        Assert.Empty(options.Warnings);
    }

    [Fact]
    public void XaiGrokLog_Unknown_KeepsErrorAndWarns()
    {
        var options = OnboardingOptions.FromEnvironment(name => name == "XAI_GROK_LOG" ? "verbose" : null);

        Assert.Equal(LogLevel.Error, options.LogLevel);
        Assert.Contains(options.Warnings, warning => warning.Contains("XAI_GROK_LOG", StringComparison.Ordinal));
    }

    [Fact]
    public void Defaults_AreErrorLevelToStandardError()
    {
        var options = OnboardingOptions.FromEnvironment(_ => null);

        Assert.Equal(LogLevel.Error, options.LogLevel);
        Assert.Null(options.LogFile);
    }

    [Fact]
    public void FileLogger_AppendsWholeLines_ToAFileOnlyTheOwnerCanRead()
    {
        using var home = new TestHome();
        var file = Path.Combine(home.Parent, "module.log");
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero));
        using (var first = new FileLoggerProvider(AppendOnlyFile.Open(file), clock))
        using (var second = new FileLoggerProvider(AppendOnlyFile.Open(file), clock))
        {
            LogEvents.CallSucceeded(first.CreateLogger("one"), "status", 1);
            LogEvents.CallSucceeded(second.CreateLogger("two"), "models", 2);
            LogEvents.CallSucceeded(first.CreateLogger("one"), "chat", 3);
        }

        var lines = File.ReadAllLines(file);
        Assert.Equal(3, lines.Length);
        Assert.StartsWith("2026-11-22T12:00:00.000Z dbug [", lines[0], StringComparison.Ordinal);
        Assert.EndsWith("one: status ok in 1 ms", lines[0], StringComparison.Ordinal);
        Assert.EndsWith("two: models ok in 2 ms", lines[1], StringComparison.Ordinal);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
    }

    [Fact]
    public void UnusableLogFile_OneWarning_ThenLogsWithoutThrowing()
    {
        using var home = new TestHome();
        var clock = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        var options = new OnboardingOptions { LogLevel = LogLevel.Critical, LogFile = Path.Combine(home.Parent, "missing-folder", "module.log") };
        using var warnings = new StringWriter();

        using var factory = OnboardingLogging.Create(options, clock, warnings);

        var warning = Assert.Single(warnings.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("XAI_GROK_LOG_FILE cannot be used, so the log goes to stderr", warning, StringComparison.Ordinal);
        Assert.False(factory.IsBuilt);
    }

    [Fact]
    public void LogFile_IsOpenedBeforeAnyMessage()
    {
        using var home = new TestHome();
        var file = Path.Combine(home.Parent, "module.log");
        var options = new OnboardingOptions { LogLevel = LogLevel.Error, LogFile = file };
        using var warnings = new StringWriter();

        using (OnboardingLogging.Create(options, new FakeTimeProvider(DateTimeOffset.UnixEpoch), warnings))
        {
            Assert.True(File.Exists(file));
        }

        Assert.Equal(string.Empty, warnings.ToString());
    }
}
