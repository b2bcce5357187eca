using System.Diagnostics;
using System.Globalization;

namespace XaiGrok.Onboarding.Bench;

/// <summary>
/// Where the module's per-call chat time goes: each step of <see cref="GrokOnboarding.ChatAsync"/> timed alone,
/// N times, medians, next to the whole call and the bare POST.
/// </summary>
internal static class ChatSteps
{
    public static async Task<int> RunAsync(int count)
    {
        await using var rig = await ChatRig.StartAsync();
        var runtime = new Runtime.OnboardingRuntime(rig.Module.Options, TimeProvider.System);
        var request = runtime.Chat.Prepare(ChatRig.Model, ChatRig.Messages, null, stream: false).Value!;
        (string Name, Func<Task> Step)[] steps =
        [
            ("bare HttpClient POST", () => rig.BareChatAsync()),
            ("whole GrokOnboarding.ChatAsync", () => rig.ModuleChatAsync()),
            ("  EnsureHome (state folder checks)", () => { runtime.EnsureHome(); return Task.CompletedTask; }),
            ("  Chat.Prepare (validation, lane from the model cache)", () => { GC.KeepAlive(runtime.Chat.Prepare(ChatRig.Model, ChatRig.Messages, null, stream: false)); return Task.CompletedTask; }),
            ("  Bearers.ResolveAsync (config.json, auth.json)", () => runtime.Bearers.ResolveAsync("grok-4.3", CancellationToken.None)),
            ("  Chat.ChatAsync (HTTP through Polly, answer read)", () => runtime.Chat.ChatAsync(request, CancellationToken.None)),
        ];

        foreach (var (_, step) in steps)
        {
            for (var i = 0; i < 50; i++)
            {
                await step();
            }
        }

        foreach (var (name, step) in steps)
        {
            var times = new double[count];
            for (var i = 0; i < count; i++)
            {
                var start = Stopwatch.GetTimestamp();
                await step();
                times[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            }

            Array.Sort(times);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-60} {times[count / 2],8:F3} ms"));
        }

        runtime.Dispose();
        return 0;
    }
}
