using System.Globalization;
using XaiGrok.Onboarding.Tests.Support;
using Xunit;

namespace XaiGrok.Onboarding.Tests.Provider;

/// <summary>
/// What a provider writes is bounded however much it writes: the real CLI runs a provider that floods stderr, and
/// its peak resident memory is measured; a provider whose detached grandchild keeps stdout open still counts.
/// </summary>
public sealed class ProviderOutputBoundsTests
{
    private const string Token = "provider-canary-token-b81d4e";
    private const long PeakLimitKiB = 150 * 1024;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task StderrFloodWithoutLineBreaks_KeepsTheCliUnder150MiB_AndTheTokenCounts()
    {
        using var rig = new ProviderRig();

        // 400 MB of NUL bytes and not one line break, then the token: the worst case for a line reader.
        var provider = rig.Script($"head -c 400000000 /dev/zero >&2\nprintf {Token}");
        var environment = new Dictionary<string, string>
        {
            ["XAI_GROK_HOME"] = rig.Home,
            ["XAI_OAUTH_ISSUER"] = "http://127.0.0.1:9",
            ["XAI_API_BASE_URL"] = "http://127.0.0.1:9/v1",
            ["GROK_AUTH_PROVIDER_COMMAND"] = provider,
        };

        var (run, peakKiB) = await PeakMemory.RunAsync(CliRunner.StartInfo(environment, "status"));

        Assert.True(peakKiB > 0, "no memory reading");
        Assert.True(peakKiB <= PeakLimitKiB, $"peak RSS {peakKiB / 1024} MiB > 150 MiB; {run}");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("external_provider", run.Json.GetProperty("source").GetString());
        Assert.DoesNotContain("   at ", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(Token, run.Stdout + run.Stderr, StringComparison.Ordinal);
        Reliability.Figures.Report(string.Create(CultureInfo.InvariantCulture, $"provider stderr flood of 400 MB (no line break): CLI peak RSS {peakKiB / 1024.0:0.0} MiB, token used"));
    }

    [Fact]
    public async Task DetachedGrandchildHoldingStdout_TheTokenCountsOnceTheProviderExitsZero()
    {
        using var rig = new ProviderRig();
        var pidFile = Path.Combine(rig.ScriptFolder, "grandchild.pid");

        // setsid puts the sleeper in a session of its own: killing the provider's process group does not reach it,
        // and it holds the provider's stdout and stderr open for 100 s. The provider writes its pid before exiting.
        var module = rig.Module(
            rig.Script($"echo {Token}\nsetsid sleep 100 &\necho $! > {pidFile}"),
            options => options with { ProviderTimeout = TimeSpan.FromSeconds(30) });
        try
        {
            var (status, took) = await ProviderRig.TimedAsync(() => module.StatusAsync(Ct));

            Assert.Equal("external_provider", status["source"]);
            Assert.Equal(true, status["connected"]);
            Assert.True(took < TimeSpan.FromSeconds(15), $"took {took}");
            Reliability.Figures.Report($"provider exits 0 leaving a detached grandchild (setsid sleep 100) on its pipes: token used after {took.TotalSeconds:0.0} s");
        }
        finally
        {
            KillGrandchild(pidFile);
        }
    }

    private static void KillGrandchild(string pidFile)
    {
        if (File.Exists(pidFile) && int.TryParse(File.ReadAllText(pidFile).Trim(), CultureInfo.InvariantCulture, out var pid))
        {
            try
            {
                using var sleeper = System.Diagnostics.Process.GetProcessById(pid);
                sleeper.Kill();
            }
            catch (ArgumentException)
            {
                // Already gone.
            }
        }
    }
}
