using System.Text.Json;
using XaiGrok.Onboarding.Cli;
using Xunit;

namespace XaiGrok.Onboarding.Tests.Cli;

/// <summary>A verb that throws (a bug) still prints one JSON result; its stack trace only when debug was asked for.</summary>
public sealed class CliCrashTests
{
    [Theory]
    [InlineData(null, false)]
    [InlineData("warning", false)]
    [InlineData("debug", true)]
    [InlineData("trace", true)]
    public async Task AVerbThatThrows_OneInternalErrorResult_StackTraceOnlyAtDebugOrTrace(string? level, bool traced)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var code = await CliApplication.RunAsync(
            ["status"], () => throw new InvalidOperationException("a bug"), stdout, stderr, TestContext.Current.CancellationToken,
            environment: name => name == "XAI_GROK_LOG" ? level : null);

        Assert.Equal(1, code);
        using var json = JsonDocument.Parse(stdout.ToString());
        Assert.False(json.RootElement.GetProperty("ok").GetBoolean());
        Assert.Equal("internal_error", json.RootElement.GetProperty("error").GetString());
        Assert.Contains("InvalidOperationException", stderr.ToString(), StringComparison.Ordinal);
        Assert.Equal(traced, stderr.ToString().Contains("   at ", StringComparison.Ordinal));
        Assert.DoesNotContain("Unhandled exception", stderr.ToString(), StringComparison.Ordinal);
        if (!traced)
        {
            Assert.Single(stderr.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        }
    }
}
