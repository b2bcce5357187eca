using System.Diagnostics;
using System.Globalization;

namespace XaiGrok.Onboarding.Bench;

/// <summary>
/// The chat-overhead target as one number: N requests each way, interleaved (module, bare, bare, module, ...) so
/// that a noisy neighbour slows both alike, after a warm-up; the ratio of the medians. <c>chat-layers</c> does the
/// same for each layer of the module in turn, to show where the difference comes from.
/// </summary>
internal static class ChatRatio
{
    public const double Target = 1.05;

    public static async Task<int> RunAsync(int count)
    {
        await using var rig = await ChatRig.StartAsync();
        var (module, bare) = await InterleavedAsync(rig, async () => await rig.ModuleChatAsync(), count);

        // What hot reload costs without the module's cache of unchanged files: reading auth.json once.
        var store = rig.Store;
        var reads = new double[count];
        for (var i = 0; i < count; i++)
        {
            reads[i] = await TimeAsync(() => Task.FromResult<object>(store.Read()));
        }

        var ratio = module / bare;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"chat overhead: module {module:F3} ms, bare HttpClient {bare:F3} ms (median of {count} each) -> {ratio:F3}x (target <= {Target:F2}x) {(ratio <= Target ? "PASS" : "FAIL")}; reading auth.json (what a kept read saves) takes {Median(reads):F3} ms"));
        return 0;
    }

    /// <summary>Each layer of a module chat call against the bare POST, interleaved the same way, one after another.</summary>
    public static async Task<int> LayersAsync(int count)
    {
        await using var rig = await ChatRig.StartAsync();
        var limits = new Http.HttpLimits();
        using var client = Http.HttpClientBuilder.Create(limits);
        var sender = new Http.HttpSender(client, new Http.ResiliencePipelines(limits, TimeProvider.System), limits, TimeProvider.System);
        using var runtime = new Runtime.OnboardingRuntime(rig.Module.Options, TimeProvider.System);
        var request = runtime.Chat.Prepare(ChatRig.Model, ChatRig.Messages, null, stream: false).Value!;
        (string Name, Func<Task<object>> Call)[] layers =
        [
            ("bare HttpClient POST (the same call twice: the noise floor)", async () => await rig.BareChatAsync()),
            ("the module's HttpClient (its handler settings and headers)", async () =>
            {
                using var message = rig.NewRequest();
                using var response = await client.SendAsync(message);
                return await response.Content.ReadAsByteArrayAsync();
            }),
            ("+ HttpSender (Polly ChatPost pipeline, bounded read)", async () => await sender.SendAsync(rig.NewRequest, Http.RequestKind.ChatPost, CancellationToken.None)),
            ("+ ChatService.ChatAsync (bearer, lane, body, answer parsed)", async () => await runtime.Chat.ChatAsync(request, CancellationToken.None)),
            ("+ GrokOnboarding.ChatAsync (folder check, validation, result)", async () => await rig.ModuleChatAsync()),
        ];

        foreach (var (name, call) in layers)
        {
            var (layer, bare) = await InterleavedAsync(rig, call, count);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-66} {layer:F3} ms / {bare:F3} ms = {layer / bare:F3}x"));
        }

        return 0;
    }

    private static async Task<(double Subject, double Bare)> InterleavedAsync(ChatRig rig, Func<Task<object>> subject, int count)
    {
        Func<Task<object>> bareCall = async () => await rig.BareChatAsync();
        for (var i = 0; i < 50; i++)
        {
            await subject();
            await bareCall();
        }

        var subjectTimes = new double[count];
        var bareTimes = new double[count];
        for (var i = 0; i < count; i++)
        {
            if (i % 2 == 0)
            {
                subjectTimes[i] = await TimeAsync(subject);
                bareTimes[i] = await TimeAsync(bareCall);
            }
            else
            {
                bareTimes[i] = await TimeAsync(bareCall);
                subjectTimes[i] = await TimeAsync(subject);
            }
        }

        return (Median(subjectTimes), Median(bareTimes));
    }

    private static async Task<double> TimeAsync(Func<Task<object>> call)
    {
        var start = Stopwatch.GetTimestamp();
        await call();
        return Stopwatch.GetElapsedTime(start).TotalMilliseconds;
    }

    private static double Median(double[] values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
