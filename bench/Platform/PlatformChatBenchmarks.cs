using BenchmarkDotNet.Attributes;

namespace XaiGrok.Onboarding.Bench.Platform;

/// <summary>
/// A platform user's chat call against a bare HttpClient + System.Text.Json call that builds the same request and
/// parses the same answer, both against the emulator in a child process (so the allocation column is the client's
/// alone). Wall time includes the emulator's answer; <c>platform-cost</c> gives the CPU time.
/// </summary>
[Config(typeof(BenchConfig))]
public class PlatformChatBenchmarks
{
    private PlatformChatRig rig = null!;

    [GlobalSetup]
    public void Setup() => rig = PlatformChatRig.StartAsync().GetAwaiter().GetResult();

    [GlobalCleanup]
    public void Cleanup() => rig.DisposeAsync().AsTask().GetAwaiter().GetResult();

    [Benchmark(Baseline = true, Description = "bare HttpClient + System.Text.Json")]
    public async Task<string> Bare() => (await rig.BareChatAsync()).Content;

    [Benchmark(Description = "GrokPlatform.ForUser(id).ChatAsync")]
    public Task<SkillResult> Platform() => rig.PlatformChatAsync();
}
