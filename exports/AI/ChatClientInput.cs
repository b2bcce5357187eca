using Microsoft.Extensions.AI;
using XaiGrok.Onboarding.Errors;
using AiMessage = Microsoft.Extensions.AI.ChatMessage;

namespace XaiGrok.Onboarding.AI;

/// <summary>
/// Maps Microsoft.Extensions.AI messages and options onto the engine's text turns. The engine sends text only, so
/// images, files, tool calls and tools are refused here, before any request, rather than silently dropped. Sampling
/// options (temperature, max tokens, ...) are not part of the engine's request and are not sent.
/// </summary>
internal static class ChatClientInput
{
    public const string ReasoningEffortProperty = "reasoning_effort";

    private const string TextOnlyHint = "Send text content only (system, user and assistant messages); images, files and tool calls are not supported by this client.";

    public static Outcome<ChatClientCall> Read(IEnumerable<AiMessage?> messages, ChatOptions? options, string? defaultModel)
    {
        if (options?.Tools is { Count: > 0 })
        {
            return Invalid("tools were given, but this client does not send tool definitions or take tool calls.", "Leave ChatOptions.Tools empty (or use a client made for tool calling).");
        }

        var turns = new List<ChatMessage>();
        if (!string.IsNullOrEmpty(options?.Instructions))
        {
            turns.Add(ChatMessage.System(options.Instructions));
        }

        foreach (var message in messages)
        {
            var turn = Turn(message);
            if (!turn.IsSuccess)
            {
                return turn.Failure;
            }

            turns.Add(turn.Value);
        }

        var thinking = ThinkingOf(options);
        return thinking.IsSuccess ? new ChatClientCall(options?.ModelId ?? defaultModel, turns, thinking.Value) : thinking.Failure;
    }

    private static Outcome<ChatMessage> Turn(AiMessage? message)
    {
        if (message is null)
        {
            return Invalid("a message is null.", "Pass system, user and assistant messages with text content.");
        }

        var role = message.Role == ChatRole.System ? "system"
            : message.Role == ChatRole.User ? "user"
            : message.Role == ChatRole.Assistant ? "assistant"
            : null;
        if (role is null)
        {
            return Invalid($"a message has the role \"{Printable(message.Role.Value)}\"; this client sends system, user and assistant messages.", TextOnlyHint);
        }

        var text = new System.Text.StringBuilder();
        foreach (var content in message.Contents)
        {
            switch (content)
            {
                case TextContent part:
                    text.Append(part.Text);
                    break;

                // The model's own reasoning in an earlier answer: not part of the conversation xAI takes back.
                case TextReasoningContent or UsageContent:
                    break;
                default:
                    return Invalid($"a {role} message holds {Describe(content)}; this client sends text only.", TextOnlyHint);
            }
        }

        return new ChatMessage(role, text.ToString());
    }

    // ChatOptions.Reasoning wins; the "reasoning_effort" additional property (as in OpenAI-style options) is the fallback.
    // xAI's highest effort is "high", so ExtraHigh asks for it; None sends no effort.
    private static Outcome<Thinking?> ThinkingOf(ChatOptions? options)
    {
        if (options?.Reasoning?.Effort is { } effort)
        {
            return Outcome<Thinking?>.Of(Map(effort));
        }

        if (options?.AdditionalProperties?.TryGetValue(ReasoningEffortProperty, out var value) != true || value is null)
        {
            return Outcome<Thinking?>.Of(null);
        }

        return value switch
        {
            ReasoningEffort typed => Outcome<Thinking?>.Of(Map(typed)),
            string named => Outcome<Thinking?>.Of(new Thinking(named.Trim().ToLowerInvariant())),
            _ => Invalid($"{ReasoningEffortProperty} must be a string (low, medium or high).", "Set ChatOptions.Reasoning instead, or pass \"low\", \"medium\" or \"high\"."),
        };
    }

    private static Thinking? Map(ReasoningEffort effort) => effort switch
    {
        ReasoningEffort.None => null,
        ReasoningEffort.Low => Thinking.Low,
        ReasoningEffort.Medium => Thinking.Medium,
        _ => Thinking.High,
    };

    private static string Describe(AIContent content) => content switch
    {
        DataContent data => $"data of type {Printable(data.MediaType)}",
        UriContent uri => $"a link of type {Printable(uri.MediaType)}",
        FunctionCallContent => "a tool call",
        FunctionResultContent => "a tool result",
        _ => Printable(content.GetType().Name),
    };

    private static Failure Invalid(string detail, string hint) => new(ErrorCodes.InvalidRequest, detail, hint);

    private static string Printable(string text) => new(text.Where(c => !char.IsControl(c)).Take(80).ToArray());
}
