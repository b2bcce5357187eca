using System.Diagnostics;
using System.Globalization;

namespace XaiGrok.Onboarding.Bench;

/// <summary>
/// Where the module's per-call chat time goes: each step of <see cref="GrokOnboarding.ChatAsync"/> timed alone,
/// N rounds of all steps in turn, medians, next to the whole call and the bare POST.
/// </summary>
internal static class ChatSteps
{
    public static async Task<int> RunAsync(int count)
    {
        await using var rig = await ChatRig.StartAsync();
        var runtime = new Runtime.OnboardingRuntime(rig.Module.Options, TimeProvider.System);
        var request = runtime.Chat.Prepare(ChatRig.Model, ChatRig.Messages, null, stream: false).Value!;
        var bearer = (await runtime.Bearers.ResolveAsync("grok-4.3", CancellationToken.None)).Value!;
        var limits = new Http.HttpLimits();
        using var ourClient = Http.HttpClientBuilder.Create(limits);
        var sender = new Http.HttpSender(ourClient, new Http.ResiliencePipelines(limits, TimeProvider.System), limits, TimeProvider.System);
        var answer = (await sender.SendAsync(rig.NewRequest, Http.RequestKind.ChatPost, CancellationToken.None)).Value!.Body;
        var noRetry = new Http.HttpSender(ourClient, new Http.ResiliencePipelines(limits, TimeProvider.System), limits, TimeProvider.System);
        (string Name, Func<Task> Step)[] steps =
        [
            ("bare HttpClient POST", () => rig.BareChatAsync()),
            ("whole GrokOnboarding.ChatAsync", () => rig.ModuleChatAsync()),
            ("  EnsureHome (state folder checks)", () => { runtime.EnsureHome(); return Task.CompletedTask; }),
            ("    of which FileIdentity.Of (one statx)", () => { GC.KeepAlive(global::XaiGrok.Onboarding.Caching.FileIdentity.Of(runtime.Options.Home)); return Task.CompletedTask; }),
            ("  Chat.Prepare (validation)", () => { GC.KeepAlive(runtime.Chat.Prepare(ChatRig.Model, ChatRig.Messages, null, stream: false)); return Task.CompletedTask; }),
            ("  Bearers.ResolveAsync (config.json, auth.json)", () => runtime.Bearers.ResolveAsync("grok-4.3", CancellationToken.None)),
            ("  Chat.ChatAsync (bearer, lane, HTTP through Polly, answer)", () => runtime.Chat.ChatAsync(request, CancellationToken.None)),
            ("    request body (ChatRequestBodies.For)", () => { GC.KeepAlive(Lanes.ChatRequestBodies.For(request, Lanes.Lane.ChatCompletions)); return Task.CompletedTask; }),
            ("    lane (the model list: ModelService.Known)", () => { GC.KeepAlive(runtime.Models.Known(bearer)); return Task.CompletedTask; }),
            ("    our HttpClient, no pipeline, answer read as bytes", async () =>
            {
                using var message = rig.NewRequest();
                using var response = await ourClient.SendAsync(message);
                GC.KeepAlive(await response.Content.ReadAsByteArrayAsync());
            }),
            ("    HttpSender (ChatPost pipeline, bounded read)", () => sender.SendAsync(rig.NewRequest, Http.RequestKind.ChatPost, CancellationToken.None)),
            ("    HttpSender (Once pipeline: timeouts, no retry)", () => noRetry.SendAsync(rig.NewRequest, Http.RequestKind.Once, CancellationToken.None)),
            ("    answer parsed (ChatAnswerReader)", () =>
            {
                GC.KeepAlive(Lanes.ChatAnswerReader.ChatCompletion(answer, ChatRig.Model));
                return Task.CompletedTask;
            }),
        ];

        foreach (var (_, step) in steps)
        {
            for (var i = 0; i < 50; i++)
            {
                await step();
            }
        }

        // Round-robin: every step once per round, so drift on a shared machine hits all steps alike.
        var times = steps.Select(_ => new double[count]).ToArray();
        for (var i = 0; i < count; i++)
        {
            for (var s = 0; s < steps.Length; s++)
            {
                var start = Stopwatch.GetTimestamp();
                await steps[s].Step();
                times[s][i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            }
        }

        for (var s = 0; s < steps.Length; s++)
        {
            Array.Sort(times[s]);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{steps[s].Name,-60} {times[s][count / 2],8:F3} ms"));
        }

        runtime.Dispose();
        return 0;
    }
}
