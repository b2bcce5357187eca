using Microsoft.Extensions.Logging;
using XaiGrok.Onboarding.Config;
using Xunit;

namespace XaiGrok.Onboarding.Tests.Config;

/// <summary>RUST_LOG and GROK_LOG_FILE, the Grok CLI's names, as aliases of XAI_GROK_LOG and XAI_GROK_LOG_FILE.</summary>
public sealed class RustLogTests
{
    private static OnboardingOptions Read(params (string Name, string Value)[] variables)
    {
        var environment = variables.ToDictionary(v => v.Name, v => v.Value, StringComparer.Ordinal);
        return EnvironmentOptionsReader.Read(name => environment.GetValueOrDefault(name));
    }

    [Theory]
    [InlineData("debug", LogLevel.Debug)]
    [InlineData("TRACE", LogLevel.Trace)]
    [InlineData("info", LogLevel.Information)]
    [InlineData("warn", LogLevel.Warning)]
    [InlineData("error", LogLevel.Error)]
    [InlineData("off", LogLevel.None)]
    [InlineData("info,xai=trace", LogLevel.Trace)]
    [InlineData("xai=debug", LogLevel.Debug)]
    [InlineData("warn, hyper=error ,", LogLevel.Warning)]
    [InlineData("error,hyper=off", LogLevel.Error)]
    [InlineData("xai_grok_shell::auth=info,warn", LogLevel.Information)]
    public void RustLog_MeansTheMostVerboseLevelNamed(string value, LogLevel expected)
    {
        var options = Read(("RUST_LOG", value));

        Assert.Equal(expected, options.LogLevel);
        Assert.Empty(options.Warnings);
    }

    [Theory]
    [InlineData("loud")]
    [InlineData("xai")]
    [InlineData("info,xai=loud")]
    [InlineData("=debug")]
    [InlineData("a=b=c")]
    [InlineData(",,,")]
    public void RustLog_Garbage_KeepsTheDefaultWithOneWarning(string value)
    {
        var options = Read(("RUST_LOG", value));

        Assert.Equal(LogLevel.Error, options.LogLevel);
        Assert.Contains("RUST_LOG", Assert.Single(options.Warnings), StringComparison.Ordinal);
    }

    [Fact]
    public void XaiGrokLog_WinsOverRustLog()
    {
        Assert.Equal(LogLevel.Warning, Read(("XAI_GROK_LOG", "warning"), ("RUST_LOG", "trace")).LogLevel);
    }

    [Fact]
    public void GrokLogFile_IsTheLogFile_UnlessXaiGrokLogFileIsSet()
    {
        var ours = Path.GetFullPath("ours.log");
        var theirs = Path.GetFullPath("theirs.log");

        Assert.Equal(theirs, Read(("GROK_LOG_FILE", "theirs.log")).LogFile);
        Assert.Equal(ours, Read(("XAI_GROK_LOG_FILE", "ours.log"), ("GROK_LOG_FILE", "theirs.log")).LogFile);
    }
}
