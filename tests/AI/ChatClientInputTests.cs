using Microsoft.Extensions.AI;
using XaiGrok.Onboarding.Tests.Integration;
using Xunit;
using AiMessage = Microsoft.Extensions.AI.ChatMessage;

namespace XaiGrok.Onboarding.Tests.AI;

/// <summary>What the engine cannot send (images, tool calls, tools) is refused with invalid_request before any request.</summary>
public sealed class ChatClientInputTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string> Unsupported => ["image", "tool_call", "tool_result", "tool_role", "tools_option", "bad_effort", "effort_on_plain_model", "null_message"];

    [Theory]
    [MemberData(nameof(Unsupported))]
    public async Task GetResponse_WhatTheEngineCannotSend_IsInvalidRequestWithoutAnyRequest(string what)
    {
        await using var rig = await Rig.StartAsync();
        var module = rig.NewModule();
        await rig.ConnectAsync(module);
        rig.Emulator.Control.ResetCounters();
        using var client = module.CreateChatClient();
        var (messages, options) = Case(what);

        var failure = await Assert.ThrowsAsync<XaiGrokException>(() => client.GetResponseAsync(messages, options, Ct));
        var streamed = await Assert.ThrowsAsync<XaiGrokException>(async () =>
        {
            await foreach (var update in client.GetStreamingResponseAsync(messages, options, Ct))
            {
                Assert.Fail("no update was expected");
            }
        });

        Assert.Equal("invalid_request", failure.ErrorCode);
        Assert.Equal("invalid_request", streamed.ErrorCode);
        Assert.False(string.IsNullOrWhiteSpace(failure.Hint));
        Assert.Equal(0, rig.Emulator.Control.Count("/v1/chat/completions") + rig.Emulator.Control.Count("/v1/responses"));
    }

    [Fact]
    public async Task GetResponse_ImageContent_SaysWhatIsNotSupported()
    {
        await using var rig = await Rig.StartAsync();
        using var client = rig.NewModule().CreateChatClient();
        var (messages, options) = Case("image");

        var failure = await Assert.ThrowsAsync<XaiGrokException>(() => client.GetResponseAsync(messages, options, Ct));

        Assert.Contains("image/png", failure.Detail, StringComparison.Ordinal);
        Assert.Contains("text", failure.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetResponse_SeveralTextPartsAndReasoningOfAnEarlierAnswer_SendsTheTextOnly()
    {
        await using var rig = await Rig.StartAsync();
        var module = rig.NewModule();
        await rig.ConnectAsync(module);
        using var client = module.CreateChatClient();
        AiMessage[] messages =
        [
            new(ChatRole.User, "first question"),
            new(ChatRole.Assistant, [new TextReasoningContent("thinking it over"), new TextContent("first answer")]),
            new(ChatRole.User, [new TextContent("second "), new TextContent("question")]),
        ];

        var response = await client.GetResponseAsync(messages, cancellationToken: Ct);

        Assert.Equal("Echo from grok-4.3: second question", response.Text);
        using var sent = System.Text.Json.JsonDocument.Parse(rig.Emulator.Control.LastRequestBody("/v1/chat/completions")!);
        Assert.Equal("first answer", sent.RootElement.GetProperty("messages")[1].GetProperty("content").GetString());
    }

    private static (AiMessage[] Messages, ChatOptions? Options) Case(string what) => what switch
    {
        "image" => ([new AiMessage(ChatRole.User, [new TextContent("what is this?"), new DataContent(new byte[] { 1, 2, 3 }, "image/png")])], null),
        "tool_call" => ([new AiMessage(ChatRole.User, "weather?"), new AiMessage(ChatRole.Assistant, [new FunctionCallContent("call-1", "weather")])], null),
        "tool_result" => ([new AiMessage(ChatRole.User, [new FunctionResultContent("call-1", "sunny")])], null),
        "tool_role" => ([new AiMessage(ChatRole.User, "weather?"), new AiMessage(ChatRole.Tool, "sunny")], null),
        "tools_option" => ([new AiMessage(ChatRole.User, "weather?")], new ChatOptions { Tools = [AIFunctionFactory.Create(() => "sunny", "weather")] }),
        "bad_effort" => ([new AiMessage(ChatRole.User, "hi")], new ChatOptions { ModelId = "grok-4.20-0309-reasoning", AdditionalProperties = new() { ["reasoning_effort"] = "extreme" } }),
        "effort_on_plain_model" => ([new AiMessage(ChatRole.User, "hi")], new ChatOptions { ModelId = "grok-4.3", Reasoning = new ReasoningOptions { Effort = ReasoningEffort.High } }),
        "null_message" => ([new AiMessage(ChatRole.User, "hi"), null!], null),
        _ => throw new ArgumentOutOfRangeException(nameof(what)),
    };
}
