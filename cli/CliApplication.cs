using System.CommandLine;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using XaiGrok.Onboarding.Cli.Help;
using XaiGrok.Onboarding.Config;
using XaiGrok.Onboarding.Errors;
using XaiGrok.Onboarding.Logging;
using XaiGrok.Onboarding.Protocol;

namespace XaiGrok.Onboarding.Cli;

/// <summary>
/// The CLI verbs, mirroring <see cref="Exports"/>: each prints exactly one JSON object on stdout (anything for a
/// person goes to stderr) and exits 0 when <c>ok</c> is true, 1 when false, 2 on a usage error. <c>login</c>, made for a
/// person, prints a summary instead unless given <c>--json</c>, which every verb accepts so an agent can always pass it.
/// </summary>
internal static class CliApplication
{
    public const int UsageError = 2;

    /// <summary>The exit code after SIGTERM (128 + 15, as a shell reports a process that SIGTERM ended).</summary>
    public const int Terminated = 143;

    /// <summary>Every verb's name, in the order help lists them.</summary>
    internal static readonly string[] VerbNames = ["status", "start", "poll", "refresh", "models", "chat", "image", "video", "login", "use-model", "logout"];

    public static async Task<int> RunAsync(string[] args, Func<GrokOnboarding> module, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken, Func<TextReader>? stdin = null, Func<string, string?>? environment = null)
    {
        // An agent's call names its verb first: only that verb is built (a cold process saves building eight others
        // with their options). Anything else (root help, a misspelt verb, an option first) gets the whole tree.
        var only = args is [var first, ..] && VerbNames.Contains(first, StringComparer.Ordinal) ? first : null;
        var root = Build(module, stdout, stderr, stdin ?? (() => Console.In), TimeProvider.System, only);
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            // A first word that is no verb and no option is a mistyped verb: say so, not "Required command was not provided".
            var (detail, hint) = args is [var word, ..] && only is null && !word.StartsWith('-')
                ? UnknownVerb(word)
                : (string.Join(" ", parsed.Errors.Select(error => error.Message)), "Run xai-grok-onboarding --help.");
            await stderr.WriteLineAsync(detail).ConfigureAwait(false);
            await stderr.WriteLineAsync("Run xai-grok-onboarding --help for the verbs and options.").ConfigureAwait(false);
            var usage = new ResultFields()
                .Add("ok", false)
                .Add("error", ErrorCodes.UsageError)
                .Add("detail", detail)
                .Add("hint", hint)
                .ToResult();
            await stdout.WriteLineAsync(usage.ToJson()).ConfigureAwait(false);
            return UsageError;
        }

        // The caller (Program) owns Ctrl-C, and a cancelled verb reaches it as OperationCanceledException ("cancelled",
        // 130). System.CommandLine's own SIGINT handler raced with the caller's on a disposed token source, and its
        // exception handler turned a cancellation into a silent exit 1; SIGTERM, which it also handled, is handled here:
        // cancelled like Ctrl-C, then a "terminated" result and exit 143, the process ended if the verb does not stop.
        // Help and --version go to stdout, so that "--help | less" shows them.
        var configuration = new InvocationConfiguration { Output = stdout, Error = stderr, ProcessTerminationTimeout = null, EnableDefaultExceptionHandler = false };
        using var verb = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var answered = false;
        using var watchdog = new TerminationWatchdog(verb, TimeProvider.System, TerminationWatchdog.Grace, () => EndOverdue(stdout, Volatile.Read(ref answered)));
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, signal => signal.Cancel = watchdog.Request());
        try
        {
            return await parsed.InvokeAsync(configuration, verb.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (watchdog.Requested)
        {
            await PrintAsync(stdout, CliResults.Terminated(cutShort: false), indented: true).ConfigureAwait(false);
            Volatile.Write(ref answered, true);
            watchdog.KeepUntilExit();
            return Terminated;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A bug: one line and an internal_error result; where it happened only for whoever asked for debug.
            var traced = OnboardingOptions.FromEnvironment(environment ?? Environment.GetEnvironmentVariable).LogLevel <= LogLevel.Debug;
            await stderr.WriteLineAsync(traced ? $"xai-grok-onboarding: unexpected {e}" : $"xai-grok-onboarding: unexpected {e.GetType().Name} (XAI_GROK_LOG=debug shows where).").ConfigureAwait(false);
            return await PrintAsync(stdout, CliResults.Crashed(e), indented: true).ConfigureAwait(false);
        }
    }

    private static (string Detail, string Hint) UnknownVerb(string word)
    {
        var shown = PrintableText.Clean(word, 40, TextKind.Word);
        var verbs = string.Join(", ", VerbNames);
        return VerbSuggestion.For(word, VerbNames) is { } verb
            ? ($"'{shown}' is not a verb; did you mean {verb}? The verbs are {verbs}.", $"Run xai-grok-onboarding {verb} (or xai-grok-onboarding --help).")
            : ($"'{shown}' is not a verb. The verbs are {verbs}.", "Run xai-grok-onboarding --help.");
    }

    // The verb ignored its cancellation, or the exit after its answer is still waiting (for a refresh in flight): say
    // so on stdout, unless the verb answered already, if stdout takes it at once, then end the process.
    private static void EndOverdue(TextWriter stdout, bool answered)
    {
        if (answered)
        {
            ImmediateExit.Now(Terminated);
        }

        var said = Task.Run(() =>
        {
            stdout.WriteLine(CliResults.Terminated(cutShort: true).ToJson(indented: true));
            stdout.Flush();
        });
        Task.WaitAny([said, Task.Delay(TimeSpan.FromMilliseconds(500), TimeProvider.System)]);
        ImmediateExit.Now(Terminated);
    }

    /// <summary>
    /// The command tree: every verb, option and argument with its description (a test walks it), or the root with
    /// just the verb <paramref name="only"/>.
    /// </summary>
    internal static RootCommand Build(Func<GrokOnboarding> module, TextWriter stdout, TextWriter stderr, Func<TextReader> stdin, TimeProvider clock, string? only = null)
    {
        var root = new RootCommand(
            "Connect an xAI subscription (X Premium ... SuperGrok Heavy) through OAuth device sign-in and list the Grok models it unlocks. " +
            "Each verb prints one JSON object on stdout (login prints a summary unless --json); messages for a person go to stderr.");
        var json = new Option<bool>("--json")
        {
            Description = "Print the result as one JSON object on stdout. Every verb does already; login prints a summary for a person without it.",
            Recursive = true,
        };
        root.Options.Add(json);
        HelpEpilogue.AddTo(root);

        void Add(string name, Func<Command> build)
        {
            if (only is null || only == name)
            {
                root.Subcommands.Add(build());
            }
        }

        Add("status", () => Verb("status", "Show the session: connected, source, tier, subscription, expiry, cached models, waiting sign-ins. No network unless a refresh is due.", stdout,
            (_, ct) => module().StatusAsync(ct)));
        Add("start", () => Verb("start", "Start a device sign-in: prints the verification URL and code for the person to approve.", stdout,
            (_, ct) => module().StartAsync(ct)));
        Add("poll", () =>
        {
            var pendingId = new Option<string?>("--pending-id") { Description = "The pending_id that start returned (default: the newest waiting sign-in)." };
            var poll = Verb("poll", "Check once whether the person approved (call after they say done); never polls faster than the server's interval.", stdout,
                (result, ct) => module().PollAsync(result.GetValue(pendingId), ct));
            poll.Options.Add(pendingId);
            return poll;
        });
        Add("refresh", () => Verb("refresh", "Refresh the access token now (normally automatic).", stdout,
            (_, ct) => module().RefreshAsync(ct)));
        Add("models", () =>
        {
            var force = new Option<bool>("--force") { Description = "Fetch the list from xAI even when the cached one is still valid." };
            var models = Verb("models", "List the models the subscription unlocks (cached for XAI_MODELS_CACHE_TTL seconds).", stdout,
                (result, ct) => module().ModelsAsync(result.GetValue(force), ct));
            models.Options.Add(force);
            return models;
        });
        Add("chat", () => ChatCommand.Build(module, stdout, stdin));
        Add("image", () => MediaCommands.Image(module, stdout));
        Add("video", () => MediaCommands.Video(module, stdout));
        Add("login", () => LoginCommand.Build(module, stdout, stderr, json, clock));
        Add("use-model", () =>
        {
            // One word or several: "use-model /model xai-grok/grok-4.3" is the seed's command pasted as it is written.
            var modelId = new Argument<string[]>("model")
            {
                Description = "The model id, with or without the xai-grok/ prefix (e.g. xai-grok/grok-4.3), or the whole command /model xai-grok/grok-4.3.",
                Arity = ArgumentArity.OneOrMore,
            };
            var useModel = Verb("use-model", "Make a model the default for chat (what /model xai-grok/<id> does); it must be one offered to the account (see models).", stdout,
                (result, ct) => module().UseModelAsync(string.Join(' ', result.GetValue(modelId)!), ct));
            useModel.Arguments.Add(modelId);
            return useModel;
        });
        Add("logout", () => Verb("logout", "Delete the local session, waiting sign-ins and caches; revoke the refresh token when the issuer supports it.", stdout,
            (_, ct) => module().LogoutAsync(ct)));
        return root;
    }

    internal static Command Verb(string name, string description, TextWriter stdout, Func<ParseResult, CancellationToken, Task<SkillResult>> call)
    {
        var command = new Command(name, description);
        command.SetAction(async (result, cancellationToken) => await PrintAsync(stdout, await call(result, cancellationToken).ConfigureAwait(false), indented: true).ConfigureAwait(false));
        return command;
    }

    /// <summary>Prints the one JSON result and returns the exit code it means.</summary>
    internal static async Task<int> PrintAsync(TextWriter stdout, SkillResult result, bool indented)
    {
        await stdout.WriteLineAsync(result.ToJson(indented)).ConfigureAwait(false);
        await stdout.FlushAsync().ConfigureAwait(false);
        return result.Ok ? 0 : 1;
    }
}
