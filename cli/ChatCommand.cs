using System.CommandLine;
using XaiGrok.Onboarding.Errors;

namespace XaiGrok.Onboarding.Cli;

/// <summary>
/// <c>chat</c>: one call to a model on the lane it needs. Messages come from <c>--message</c> or as JSON on stdin.
/// With <c>--stream</c> the text is printed as it arrives and the JSON result follows on the last line.
/// </summary>
internal static class ChatCommand
{
    public static Command Build(Func<GrokOnboarding> module, TextWriter stdout, Func<TextReader> stdin)
    {
        var model = new Option<string?>("--model") { Description = "Model id (xai-grok/grok-4.3 or grok-4.3). Default: the one chosen with use-model, else xai-grok/grok-4.3." };
        var message = new Option<string?>("--message", "-m") { Description = "One user message. Without it, messages are read from stdin as JSON: [{\"role\":\"user\",\"content\":\"...\"}]." };
        var system = new Option<string?>("--system") { Description = "A system message to put first (with --message)." };
        var thinking = new Option<string?>("--thinking") { Description = "Thinking effort for multi-agent and reasoning models: low, medium or high." };
        thinking.AcceptOnlyFromAmong([.. Thinking.Efforts]);
        var stream = new Option<bool>("--stream") { Description = "Print the answer as it arrives, then the JSON result on the last line." };

        var command = new Command("chat", "Chat with a model the subscription unlocks; the lane (chat completions or Responses API) is chosen for you.")
        {
            model, message, system, thinking, stream,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            var messages = await ReadMessagesAsync(result.GetValue(message), result.GetValue(system), stdin).ConfigureAwait(false);
            if (!messages.IsSuccess)
            {
                return await CliApplication.PrintAsync(stdout, ResultMapper.Fail(messages.Failure), indented: true).ConfigureAwait(false);
            }

            var effort = result.GetValue(thinking) is { } level ? new Thinking(level) : null;
            if (!result.GetValue(stream))
            {
                var answer = await module().ChatAsync(result.GetValue(model), messages.Value, effort, cancellationToken).ConfigureAwait(false);
                return await CliApplication.PrintAsync(stdout, answer, indented: true).ConfigureAwait(false);
            }

            SkillResult? final = null;
            await foreach (var update in module().ChatStreamAsync(result.GetValue(model), messages.Value, effort, cancellationToken).ConfigureAwait(false))
            {
                if (update.Delta is { } delta)
                {
                    await stdout.WriteAsync(delta).ConfigureAwait(false);
                    await stdout.FlushAsync(cancellationToken).ConfigureAwait(false);
                }

                final = update.Result ?? final;
            }

            // The text ends with a line break so that the JSON result is alone on the last line.
            await stdout.WriteLineAsync().ConfigureAwait(false);
            return await CliApplication.PrintAsync(stdout, final!, indented: false).ConfigureAwait(false);
        });
        return command;
    }

    private const string NoMessageHint =
        "Pass one with --message, e.g. xai-grok-onboarding chat --message \"Hello\", or pipe JSON messages: " +
        "echo '[{\"role\":\"user\",\"content\":\"Hello\"}]' | xai-grok-onboarding chat";

    private static async Task<Outcome<IReadOnlyList<ChatMessage>>> ReadMessagesAsync(string? message, string? system, Func<TextReader> stdin)
    {
        if (message is not null)
        {
            IReadOnlyList<ChatMessage> single = system is null ? [ChatMessage.User(message)] : [ChatMessage.System(system), ChatMessage.User(message)];
            return Outcome<IReadOnlyList<ChatMessage>>.Of(single);
        }

        if (!Console.IsInputRedirected && ReferenceEquals(stdin(), Console.In))
        {
            return new Failure(ErrorCodes.InvalidRequest, "no message: pass --message TEXT, or pipe the messages as JSON on stdin.", NoMessageHint);
        }

        var text = await stdin().ReadToEndAsync().ConfigureAwait(false);
        if (string.IsNullOrWhiteSpace(text))
        {
            // chat </dev/null, or an empty pipe: nothing was asked, which is not a JSON problem.
            return new Failure(ErrorCodes.InvalidRequest, "no message: --message was not given and stdin was empty.", NoMessageHint);
        }

        var parsed = ChatInput.Parse(text, out var problem);
        return parsed is null
            ? new Failure(ErrorCodes.InvalidRequest, problem!, "Example: echo '[{\"role\":\"user\",\"content\":\"Hello\"}]' | xai-grok-onboarding chat")
            : Outcome<IReadOnlyList<ChatMessage>>.Of(parsed);
    }
}
