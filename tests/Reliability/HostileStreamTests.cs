using System.Diagnostics;
using System.Globalization;
using System.Runtime.Versioning;
using Microsoft.Extensions.Time.Testing;
using XaiGrok.Emulator;
using XaiGrok.Onboarding.Runtime;
using XaiGrok.Onboarding.Tests.Integration;
using XaiGrok.Onboarding.Tests.Support;
using Xunit;

namespace XaiGrok.Onboarding.Tests.Reliability;

/// <summary>
/// Hostile streamed and finished chat answers: a field of the wrong type anywhere the module reads is
/// <c>invalid_response</c>; a stream that never ends, never sends text, or sends one endless line or event is cut off
/// as <c>stream_interrupted</c> with the text received so far, on the fake clock in process and within 150 MiB in the
/// real CLI.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class HostileStreamTests
{
    private const long PeakLimitKiB = 150 * 1024;

    public static TheoryData<string, string> WrongTypedStreamEvents() => new()
    {
        { "chat", """{"choices":[1]}""" },
        { "chat", """{"choices":"x"}""" },
        { "chat", """{"choices":[{"index":0,"delta":"x"}]}""" },
        { "chat", """{"choices":[{"index":0,"delta":{"content":5}}]}""" },
        { "chat", """{"choices":[{"index":0,"delta":{"content":["x"]}}]}""" },
        { "chat", """{"choices":[{"index":0,"delta":{},"finish_reason":7}]}""" },
        { "chat", """{"choices":[],"usage":"many"}""" },
        { "chat", """{"choices":[],"usage":{"prompt_tokens":"3"}}""" },
        { "chat", """{"choices":[],"usage":{"prompt_tokens":3,"completion_tokens_details":[]}}""" },
        { "chat", "not json" },
        { "chat", "[1,2]" },
        { "chat", "42" },
        { "responses", """{"type":"response.failed","response":"boom"}""" },
        { "responses", """{"type":"response.failed","response":{"error":"boom"}}""" },
        { "responses", """{"type":"response.failed","response":{"error":{"message":5}}}""" },
        { "responses", """{"type":"error","message":{"text":"x"}}""" },
        { "responses", """{"type":"response.output_text.delta","delta":5}""" },
        { "responses", """{"type":5,"delta":"x"}""" },
        { "responses", """{"type":"response.completed","response":"done"}""" },
        { "responses", """{"type":"response.completed","response":{"status":"completed","output":"x"}}""" },
        { "responses", """{"type":"response.completed","response":{"status":"completed","output":[1]}}""" },
        { "responses", """{"type":"response.completed","response":{"status":"completed","output":[{"type":"message","content":"x"}]}}""" },
        { "responses", """{"type":"response.completed","response":{"status":"completed","output":[{"type":"message","content":[{"type":"output_text","text":5}]}]}}""" },
        { "responses", """{"type":"response.completed","response":{"status":"completed","output":[],"usage":5}}""" },
        { "responses", """{"type":"response.completed","response":{"status":"incomplete","output":[],"incomplete_details":"x"}}""" },
        { "responses", """{"type":"response.completed","response":{"status":7,"output":[]}}""" },
        { "responses", "not json" },
    };

    [Theory]
    [MemberData(nameof(WrongTypedStreamEvents))]
    public async Task Stream_EventWithAWrongTypedField_IsInvalidResponse_KeepingTheTextBefore(string lane, string hostile)
    {
        await using var rig = await Rig.StartAsync();
        var module = rig.NewModule();
        await rig.ConnectAsync(module);
        var (path, model, first, done) = lane == "chat"
            ? ("/v1/chat/completions", "xai-grok/grok-4.3", "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hel\"}}]}\n\n", "data: [DONE]\n\n")
            : ("/v1/responses", "xai-grok/grok-4.20-multi-agent-0309", "event: response.output_text.delta\ndata: {\"type\":\"response.output_text.delta\",\"delta\":\"Hel\"}\n\n",
                "event: response.completed\ndata: {\"type\":\"response.completed\",\"response\":{\"status\":\"completed\",\"output\":[]}}\n\n");
        rig.Emulator.Control.AddFault(new EmulatorFault(path) { Status = 200, ContentType = "text/event-stream", Body = first + $"data: {hostile}\n\n" + done });

        SkillResult? result = null;
        await foreach (var update in module.ChatStreamAsync(model, [ChatMessage.User("hello")], cancellationToken: Figures.Ct))
        {
            result = update.Result ?? result;
        }

        Assert.NotNull(result);
        Assert.False(result.Ok, $"{hostile}: {result.ToJson()}");
        Assert.True(result.Error == "invalid_response", $"{hostile}: {result.ToJson()}");
        Assert.Equal("Hel", result["content"]);
        Figures.Report($"stream event {hostile}: invalid_response, partial text kept");
    }

    public static TheoryData<string, string> WrongTypedAnswers() => new()
    {
        { "chat", """{"choices":[1]}""" },
        { "chat", """{"choices":[{"message":"hi"}]}""" },
        { "chat", """{"choices":[{"message":{"content":5}}]}""" },
        { "chat", """{"choices":[{"message":{"content":"hi"},"finish_reason":1}]}""" },
        { "chat", """{"choices":[{"message":{"content":"hi"}}],"usage":[]}""" },
        { "chat", """{"choices":[{"message":{"content":"hi"}}],"usage":{"completion_tokens":1.5}}""" },
        { "chat", """{"choices":{"0":{"message":{"content":"hi"}}}}""" },
        { "responses", """{"status":"completed","output":[1]}""" },
        { "responses", """{"status":"completed","output":[{"type":"message","content":"hi"}]}""" },
        { "responses", """{"status":"completed","output":[{"type":"message","content":[{"type":"output_text","text":5}]}]}""" },
        { "responses", """{"status":"completed","output":[{"type":"message","content":[7]}]}""" },
        { "responses", """{"status":5,"output":[]}""" },
        { "responses", """{"status":"incomplete","output":[],"incomplete_details":"x"}""" },
        { "responses", """{"status":"completed","output":[],"usage":{"output_tokens_details":3}}""" },
    };

    [Theory]
    [MemberData(nameof(WrongTypedAnswers))]
    public async Task Chat_AnswerWithAWrongTypedField_IsInvalidResponse(string lane, string hostile)
    {
        await using var rig = await Rig.StartAsync();
        var module = rig.NewModule();
        await rig.ConnectAsync(module);
        var (path, model) = lane == "chat" ? ("/v1/chat/completions", "xai-grok/grok-4.3") : ("/v1/responses", "xai-grok/grok-4.20-multi-agent-0309");
        rig.Emulator.Control.AddFault(new EmulatorFault(path) { Status = 200, Body = hostile });

        var result = await rig.AdvancingAsync(module.ChatAsync(model, [ChatMessage.User("hello")], cancellationToken: Figures.Ct));

        Assert.False(result.Ok, $"{hostile}: {result.ToJson()}");
        Assert.True(result.Error == "invalid_response", $"{hostile}: {result.ToJson()}");
    }

    [Fact]
    public async Task Stream_KeepAlivesForever_EndsAfterTheIdleTimeoutOnTheClock()
    {
        using var server = new HostileStreamServer(HostileStream.KeepAlives);
        var (result, clock) = await StreamOnTheFakeClockAsync(server, TimeSpan.FromSeconds(5));

        Assert.Equal("stream_interrupted", result.Error);
        Assert.Contains("no text for 120 s", (string)result["detail"]!, StringComparison.Ordinal);
        Assert.InRange(clock.TotalSeconds, 120, 180);
        Figures.Report($"keep-alives only: stream_interrupted after {clock.TotalSeconds:0} s of fake time (idle timeout 120 s)");
    }

    [Fact]
    public async Task Stream_SlowTextForever_EndsAtTheTotalTimeoutOnTheClock_KeepingTheText()
    {
        using var server = new HostileStreamServer(HostileStream.SlowContent);
        var (result, clock) = await StreamOnTheFakeClockAsync(server, TimeSpan.FromSeconds(5));

        Assert.Equal("stream_interrupted", result.Error);
        Assert.Contains("longer than 600 s", (string)result["detail"]!, StringComparison.Ordinal);
        Assert.StartsWith("word ", (string)result["content"]!, StringComparison.Ordinal);
        Assert.InRange(clock.TotalSeconds, 600, 660);
        Figures.Report($"endless slow text: stream_interrupted after {clock.TotalSeconds:0} s of fake time (stream timeout 600 s)");
    }

    public static TheoryData<string> Floods() => [nameof(HostileStream.FastContent), nameof(HostileStream.EndlessLine), nameof(HostileStream.EndlessEvent), nameof(HostileStream.KeepAlives), nameof(HostileStream.SlowContent)];

    [Theory]
    [MemberData(nameof(Floods))]
    public async Task Cli_HostileStream_EndsTyped_Within150MiB(string flood)
    {
        var mode = Enum.Parse<HostileStream>(flood);
        using var server = new HostileStreamServer(mode);
        using var home = new TestHome();
        var environment = new Dictionary<string, string>
        {
            ["XAI_GROK_HOME"] = home.Path,
            ["XAI_OAUTH_ISSUER"] = "http://127.0.0.1:9",
            ["XAI_API_BASE_URL"] = server.ApiBaseUrl.AbsoluteUri,
            ["XAI_API_KEY"] = "xai-hostile-stream-test-key",

            // Short limits so that the test is quick; the bounds on size are the defaults.
            ["XAI_GROK_STREAM_IDLE_TIMEOUT"] = "2",
            ["XAI_GROK_STREAM_TIMEOUT"] = "6",
        };
        var wall = Stopwatch.StartNew();

        var (run, peakKiB) = await PeakMemory.RunAsync(CliRunner.StartInfo(environment, "chat", "--stream", "--message", "hello"), killAboveKiB: 1024 * 1024);

        Assert.True(peakKiB <= PeakLimitKiB, $"{flood}: peak RSS {peakKiB / 1024} MiB > 150 MiB; {run.Stderr}");
        Assert.Equal(1, run.ExitCode);
        var last = run.Stdout.TrimEnd('\n').Split('\n')[^1];
        using var json = System.Text.Json.JsonDocument.Parse(last);
        Assert.Equal("stream_interrupted", json.RootElement.GetProperty("error").GetString());
        Assert.DoesNotContain("   at ", run.Stderr, StringComparison.Ordinal);
        var content = json.RootElement.TryGetProperty("content", out var text) ? text.GetString()!.Length : 0;
        Figures.Report(string.Create(CultureInfo.InvariantCulture,
            $"CLI chat --stream, {flood}: stream_interrupted after {wall.Elapsed.TotalSeconds:0.0} s, peak RSS {peakKiB / 1024.0:0.0} MiB, {content} characters of partial text; {json.RootElement.GetProperty("detail").GetString()}"));
    }

    private static async Task<(SkillResult Result, TimeSpan Clock)> StreamOnTheFakeClockAsync(HostileStreamServer server, TimeSpan step)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero));
        var start = clock.GetUtcNow();
        using var home = new TestHome();
        var options = new OnboardingOptions { Home = home.Path, Issuer = new Uri("http://127.0.0.1:9"), ApiBaseUrl = server.ApiBaseUrl, ApiKey = "xai-hostile-stream-test-key" };
        using var module = new GrokOnboarding(new OnboardingRuntime(options, clock, environment: _ => null));
        using var giveUp = CancellationTokenSource.CreateLinkedTokenSource(Figures.Ct);
        var run = Task.Run(
            async () =>
            {
                SkillResult? last = null;
                await foreach (var update in module.ChatStreamAsync("xai-grok/grok-4.3", [ChatMessage.User("hello")], cancellationToken: giveUp.Token))
                {
                    last = update.Result ?? last;
                }

                return last!;
            },
            giveUp.Token);

        // Real time only paces the fake clock: each step moves it on while the server keeps streaming.
        var wall = Stopwatch.StartNew();
        while (!run.IsCompleted && wall.Elapsed < TimeSpan.FromSeconds(60))
        {
            await Task.WhenAny(run, Task.Delay(10, Figures.Ct));
            clock.Advance(step);
        }

        if (!run.IsCompleted)
        {
            await giveUp.CancelAsync();
            Assert.Fail($"the stream was still running after {(clock.GetUtcNow() - start).TotalSeconds:0} s of fake time");
        }

        return (await run, clock.GetUtcNow() - start);
    }
}
