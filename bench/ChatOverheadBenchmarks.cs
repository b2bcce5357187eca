using BenchmarkDotNet.Attributes;

namespace XaiGrok.Onboarding.Bench;

/// <summary>Chat overhead, in process, against the emulator: the module's ChatAsync against a bare HttpClient POST of the same body.</summary>
[Config(typeof(BenchConfig))]
public class ChatOverheadBenchmarks
{
    private ChatRig rig = null!;

    [GlobalSetup]
    public void Setup() => rig = ChatRig.StartAsync().GetAwaiter().GetResult();

    [GlobalCleanup]
    public void Cleanup() => rig.DisposeAsync().AsTask().GetAwaiter().GetResult();

    [Benchmark(Baseline = true, Description = "bare HttpClient POST")]
    public Task<string> Bare() => rig.BareChatAsync();

    [Benchmark(Description = "GrokOnboarding.ChatAsync")]
    public Task<SkillResult> Module() => rig.ModuleChatAsync();
}
