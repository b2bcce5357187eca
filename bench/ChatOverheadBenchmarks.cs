using BenchmarkDotNet.Attributes;

namespace XaiGrok.Onboarding.Bench;

/// <summary>
/// Chat overhead, in process, against the emulator: the module's ChatAsync against a bare HttpClient POST of the same
/// body, with the HTTP layer alone in between (the module's client and Polly pipeline, the same request).
/// </summary>
[Config(typeof(BenchConfig))]
public class ChatOverheadBenchmarks
{
    private ChatRig rig = null!;
    private HttpClient client = null!;
    private Http.HttpSender sender = null!;

    [GlobalSetup]
    public void Setup()
    {
        rig = ChatRig.StartAsync().GetAwaiter().GetResult();
        var limits = new Http.HttpLimits();
        client = Http.HttpClientBuilder.Create(limits);
        sender = new Http.HttpSender(client, new Http.ResiliencePipelines(limits, TimeProvider.System), limits, TimeProvider.System);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        client.Dispose();
        rig.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    [Benchmark(Baseline = true, Description = "bare HttpClient POST")]
    public Task<string> Bare() => rig.BareChatAsync();

    [Benchmark(Description = "HttpSender (the module's client, ChatPost pipeline)")]
    public async Task Sender() => await sender.SendAsync(rig.NewRequest, Http.RequestKind.ChatPost, CancellationToken.None);

    [Benchmark(Description = "GrokOnboarding.ChatAsync")]
    public Task<SkillResult> Module() => rig.ModuleChatAsync();
}
