using System.Text.Json;
using XaiGrok.Emulator;
using Xunit;

namespace XaiGrok.Onboarding.Tests.Cli;

public sealed class CliChatTests
{
    [Fact]
    public async Task Chat_WithMessage_AnswersOnTheChatLaneWithOneRequest()
    {
        await using var cli = await CliHarness.StartAsync();
        await cli.ConnectAsync();
        cli.Control.ResetCounters();

        var run = await cli.RunAsync("chat", "--model", "xai-grok/grok-4.3", "--message", "hello from the cli");

        Assert.Equal(0, run.ExitCode);
        var json = CliHarness.AssertOneJsonObject(run);
        Assert.Equal("chat_completions", json.GetProperty("lane").GetString());
        Assert.Equal("Echo from grok-4.3: hello from the cli", json.GetProperty("content").GetString());
        Assert.Equal(1, cli.Control.Count("/v1/chat/completions"));
        Assert.Equal(1, cli.Control.Counters.Where(pair => !pair.Key.StartsWith("grant:", StringComparison.Ordinal)).Sum(pair => pair.Value));
        cli.AssertNoSecretsLeaked();
    }

    [Fact]
    public async Task Chat_MessagesOnStdin_MapSystemToInstructionsOnTheResponsesLane()
    {
        await using var cli = await CliHarness.StartAsync();
        await cli.ConnectAsync();

        var run = await cli.RunWithInputAsync(
            """{"messages":[{"role":"system","content":"Be brief."},{"role":"user","content":[{"type":"text","text":"plan it"}]}]}""",
            "chat", "--model", "grok-4.20-multi-agent-0309", "--thinking", "low");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("responses", run.Json.GetProperty("lane").GetString());
        Assert.Equal(16, run.Json.GetProperty("usage").GetProperty("reasoning_tokens").GetInt32());
        using var sent = JsonDocument.Parse(cli.Control.LastRequestBody("/v1/responses")!);
        Assert.Equal("Be brief.", sent.RootElement.GetProperty("instructions").GetString());
        Assert.Equal("low", sent.RootElement.GetProperty("reasoning").GetProperty("effort").GetString());
        cli.AssertNoSecretsLeaked();
    }

    [Theory]
    [InlineData("xai-grok/grok-4.3")]
    [InlineData("xai-grok/grok-4.20-multi-agent-0309")]
    public async Task ChatStream_PrintsTheTextThenTheJsonResultOnTheLastLine(string model)
    {
        await using var cli = await CliHarness.StartAsync();
        await cli.ConnectAsync();

        var run = await cli.RunAsync("chat", "--stream", "--model", model, "--message", "tell me something");

        Assert.Equal(0, run.ExitCode);
        var lines = run.Stdout.TrimEnd('\n').Split('\n');
        using var result = JsonDocument.Parse(lines[^1]);
        var content = result.RootElement.GetProperty("content").GetString();
        Assert.True(result.RootElement.GetProperty("ok").GetBoolean());
        Assert.Equal(content, string.Join('\n', lines[..^1]));
        cli.AssertNoSecretsLeaked();
    }

    [Fact]
    public async Task ChatStream_CutOff_ExitsOneWithStreamInterrupted()
    {
        await using var cli = await CliHarness.StartAsync();
        await cli.ConnectAsync();
        cli.Control.AddFault(new EmulatorFault("/v1/chat/completions") { CutStreamAfterEvents = 2 });

        var run = await cli.RunAsync("chat", "--stream", "--message", "this answer will be cut");

        Assert.Equal(1, run.ExitCode);
        using var result = JsonDocument.Parse(run.Stdout.TrimEnd('\n').Split('\n')[^1]);
        Assert.Equal("stream_interrupted", result.RootElement.GetProperty("error").GetString());
        CliHarness.AssertNoStackTrace(run);
    }

    [Fact]
    public async Task UseModel_ThenChatWithoutModel_UsesTheChosenModel()
    {
        await using var cli = await CliHarness.StartAsync();
        await cli.ConnectAsync();

        var chosen = await cli.RunAsync("use-model", "grok-build-0.1");
        var status = await cli.RunAsync("status");
        var chat = await cli.RunAsync("chat", "-m", "which model are you");

        Assert.Equal(0, chosen.ExitCode);
        Assert.Equal("xai-grok/grok-build-0.1", status.Json.GetProperty("selected_model").GetString());
        Assert.Equal("xai-grok/grok-build-0.1", chat.Json.GetProperty("model").GetString());
    }

    [Fact]
    public async Task UseModel_NotInTheSubscription_ExitsOneWithTheAvailableModels()
    {
        await using var cli = await CliHarness.StartAsync();
        await cli.ConnectAsync(tier: 2);

        var run = await cli.RunAsync("use-model", "xai-grok/grok-build-0.1");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("model_unavailable", run.Json.GetProperty("error").GetString());
        Assert.Contains(run.Json.GetProperty("available_models").EnumerateArray(), model => model.GetString() == "xai-grok/grok-4.3");
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[{\"role\":\"user\"}]")]
    [InlineData("[]")]
    public async Task Chat_BadStdin_ExitsOneWithInvalidRequest(string input)
    {
        await using var cli = await CliHarness.StartAsync();
        await cli.ConnectAsync();

        var run = await cli.RunWithInputAsync(input, "chat");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("invalid_request", CliHarness.AssertOneJsonObject(run).GetProperty("error").GetString());
        Assert.Equal(0, cli.Control.Count("/v1/chat/completions"));
    }

    [Fact]
    public async Task Chat_ThinkingNotAnEffort_IsAUsageError()
    {
        await using var cli = await CliHarness.StartAsync();

        var run = await cli.RunAsync("chat", "-m", "hi", "--thinking", "extreme");

        Assert.Equal(2, run.ExitCode);
        Assert.False(CliHarness.AssertOneJsonObject(run).GetProperty("ok").GetBoolean());
    }
}
