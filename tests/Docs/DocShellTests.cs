using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using XaiGrok.Onboarding.Tests.Cli;
using XaiGrok.Onboarding.Tests.Support;
using Xunit;

namespace XaiGrok.Onboarding.Tests.Docs;

/// <summary>
/// Every CLI call in the <c>sh</c> blocks of SKILL.md and README.md runs as a real subprocess, in document order, against
/// one emulator and one home per document, so the documents cannot drift from the CLI. A person's part (approving the
/// code) is played by the test between <c>start</c> and the next <c>poll</c>.
/// </summary>
public sealed partial class DocShellTests
{
    private const string Cli = "xai-grok-onboarding";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public Task Every_cli_call_in_SKILL_md_runs() => RunDocumentAsync(
        "SKILL.md",
        expectedSkipped:
        [
            // Getting the command (DocCommandSetupTests runs these lines in a non-interactive shell).
            "dotnet build -c Release /absolute/path/to/xai-grok-onboarding/xai-grok-onboarding.csproj",
            "export PATH=\"/absolute/path/to/xai-grok-onboarding/scripts:$HOME/.dotnet/tools:$PATH\"",
            "command -v xai-grok-onboarding",
        ],
        expectedFailures: new Dictionary<string, string>());

    [Fact]
    public Task Every_cli_call_in_README_md_runs() => RunDocumentAsync(
        "README.md",
        expectedSkipped:
        [
            "dotnet run --project emulator -- demo",
            "dotnet test tests",
            "dotnet build",
            "export PATH=\"$PWD/scripts:$PATH\"",
        ],
        expectedFailures: new Dictionary<string, string>
        {
            // (`poll --pending-id ID` gets the pending_id of the `start` above, which the `poll` before it completed:
            // a poll is idempotent, so it answers connected again.)

            // No enterprise IdP in this world (tests/Oidc covers that sign-in); the device form of login runs for real.
            ["login --json --oidc"] = "client_not_configured",

            // The media section comes after the block that ends with logout; SKILL.md's same block runs connected.
            ["image --prompt a red fox on snow --n 2"] = "not_connected",
            ["video start --prompt a fox running through snow"] = "not_connected",
            ["video poll"] = "no_pending_flow",
        });

    [Fact]
    public void Every_block_has_a_known_language()
    {
        foreach (var document in new[] { "SKILL.md", "README.md" })
        {
            foreach (var block in DocumentBlocks.Read(document))
            {
                Assert.Contains(block.Language, new[] { "sh", "csharp", "csx", "toml", "" });
                if (block.Language.Length == 0)
                {
                    // Untagged blocks are prose (the README's layout), never commands that would escape the tests.
                    Assert.DoesNotContain(block.Lines, line => line.TrimStart().StartsWith(Cli + " ", StringComparison.Ordinal));
                }
            }
        }
    }

    private static async Task RunDocumentAsync(string document, string[] expectedSkipped, Dictionary<string, string> expectedFailures)
    {
        var lines = DocumentBlocks.Read(document).Where(b => b.Language == "sh")
            .SelectMany(b => b.Lines.Select((line, i) => (Block: b, Number: b.Line + 1 + i, Text: StripComment(line).Trim())))
            .Where(l => l.Text.Length > 0)
            .ToList();

        var skipped = new List<string>();
        var ran = new List<string>();
        await using var harness = await CliHarness.StartAsync();
        string? pendingId = null;
        string? modelId = null;
        var awaitingApproval = false;

        foreach (var (_, number, text) in lines)
        {
            var (input, command) = Parse(text);
            if (command is null)
            {
                skipped.Add(text);
                continue;
            }

            // An optional part ([--force]) runs both ways: without it, then with it.
            var tokens = Tokenize(command).Skip(1).ToList();
            var variants = tokens.Any(IsOptional)
                ? new[] { tokens.Where(t => !IsOptional(t)).ToArray(), tokens.Select(t => IsOptional(t) ? t[1..^1] : t).ToArray() }
                : [tokens.ToArray()];
            foreach (var written in variants)
            {
                var args = Substitute(written, pendingId, modelId, $"{document}:{number}: {text}");
                if (args[0] == "poll" && awaitingApproval)
                {
                    // The person approves the newest code in their browser, then says "done"; the test waits the flow's
                    // 1 s interval in real time on purpose (the CLI is another process on the system clock).
                    harness.Control.Approve(harness.Control.LatestUserCode!, tier: 5);
                    awaitingApproval = false;
                    await CliHarness.WaitPollIntervalAsync();
                }

                // `login` (device sign-in) waits for the person, who approves the new code while it waits.
                using var approver = CancellationTokenSource.CreateLinkedTokenSource(Ct);
                var deviceLogin = args[0] == "login" && !args.Contains("--oidc");
                var approving = deviceLogin ? ApproveNextCodeAsync(harness, harness.Control.LatestUserCode, approver.Token) : Task.CompletedTask;
                var run = input is null ? await harness.RunAsync(args) : await harness.RunWithInputAsync(input, args);
                await approver.CancelAsync();
                await approving;

                var shown = string.Join(' ', written);
                var where = $"{document}:{number}: {shown}\n{run}";
                ran.Add(shown);
                CliHarness.AssertNoStackTrace(run);
                Assert.True(run.ExitCode is 0 or 1, where);
                if (args[0] == "login" && !args.Contains("--json"))
                {
                    // Without --json, login ends with a summary for the person instead of the JSON result.
                    Assert.True(run.ExitCode == 0, where);
                    Assert.StartsWith("Connected to xAI: ", run.Stdout, StringComparison.Ordinal);
                    continue;
                }

                var json = args.Contains("--stream") ? LastLineJson(run, where) : CliHarness.AssertOneJsonObject(run);
                Assert.Equal(run.ExitCode == 0, DocJson.IsOk(json));
                if (expectedFailures.TryGetValue(shown, out var error))
                {
                    Assert.True(run.ExitCode == 1, where);
                    Assert.Equal(error, json.GetProperty("error").GetString());
                }
                else
                {
                    Assert.True(run.ExitCode == 0, where);
                }

                switch (args[0])
                {
                    case "start":
                        pendingId = json.GetProperty("pending_id").GetString();
                        awaitingApproval = true;
                        break;
                    case "models":
                        modelId = json.GetProperty("models")[0].GetProperty("id").GetString();
                        break;
                    default:
                        break;
                }
            }
        }

        Assert.Equal(expectedSkipped, skipped);
        Assert.Contains("start", ran);
        Assert.Contains("poll", ran);
        Assert.Contains(ran, l => l.StartsWith("chat", StringComparison.Ordinal));
        Assert.Empty(expectedFailures.Keys.Except(ran));
        harness.AssertNoSecretsLeaked();
    }

    private static bool IsOptional(string token) => token.Length > 2 && token.StartsWith('[') && token.EndsWith(']');

    /// <summary>Replaces the placeholder <c>ID</c> with a real value: the last pending_id, or the first listed model.</summary>
    private static string[] Substitute(string[] written, string? pendingId, string? modelId, string where)
    {
        var args = written.ToArray();
        for (var i = 1; i < args.Length; i++)
        {
            if (args[i] == "ID")
            {
                args[i] = args[i - 1] switch
                {
                    "--pending-id" => pendingId ?? throw new InvalidOperationException($"{where}: no start before it"),
                    "use-model" => modelId ?? throw new InvalidOperationException($"{where}: no models before it"),
                    _ => throw new InvalidOperationException($"{where}: no value for the placeholder"),
                };
            }
        }

        return args;
    }

    /// <summary>A person approving in their browser while <c>login</c> waits: approves the first code newer than <paramref name="previous"/>.</summary>
    private static async Task ApproveNextCodeAsync(CliHarness harness, string? previous, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                var code = harness.Control.LatestUserCode;
                if (code is not null && code != previous)
                {
                    harness.Control.Approve(code, tier: 5);
                    return;
                }

                await Task.Delay(50, cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary><c>chat --stream</c> prints the answer as it arrives; the JSON result is alone on the last line.</summary>
    private static JsonElement LastLineJson(CliRun run, string where)
    {
        var last = run.Stdout.TrimEnd('\n', '\r').Split('\n')[^1];
        using var document = JsonDocument.Parse(last);
        Assert.True(document.RootElement.ValueKind == JsonValueKind.Object, where);
        return document.RootElement.Clone();
    }

    /// <summary>A CLI call (<c>xai-grok-onboarding ...</c>, or <c>echo '...' | xai-grok-onboarding ...</c>), else null.</summary>
    private static (string? Input, string? Command) Parse(string line)
    {
        if (line.StartsWith(Cli + " ", StringComparison.Ordinal))
        {
            return (null, line);
        }

        var piped = EchoPipe().Match(line);
        return piped.Success ? (piped.Groups["input"].Value, piped.Groups["command"].Value) : (null, null);
    }

    /// <summary>Removes a shell comment: a <c>#</c> after whitespace, outside quotes.</summary>
    private static string StripComment(string line)
    {
        char? quote = null;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quote is not null)
            {
                quote = c == quote ? null : quote;
            }
            else if (c is '\'' or '"')
            {
                quote = c;
            }
            else if (c == '#' && (i == 0 || char.IsWhiteSpace(line[i - 1])))
            {
                return line[..i];
            }
        }

        return line;
    }

    /// <summary>Splits a command line as sh would for the plain words and quoted strings the documents use.</summary>
    private static List<string> Tokenize(string command)
    {
        var tokens = new List<string>();
        var current = new StringBuilder();
        var inToken = false;
        char? quote = null;
        foreach (var c in command)
        {
            if (quote is not null)
            {
                if (c == quote)
                {
                    quote = null;
                }
                else
                {
                    current.Append(c);
                }
            }
            else if (c is '\'' or '"')
            {
                quote = c;
                inToken = true;
            }
            else if (char.IsWhiteSpace(c))
            {
                if (inToken)
                {
                    tokens.Add(current.ToString());
                    current.Clear();
                    inToken = false;
                }
            }
            else
            {
                current.Append(c);
                inToken = true;
            }
        }

        Assert.Null(quote);
        if (inToken)
        {
            tokens.Add(current.ToString());
        }

        return tokens;
    }

    [GeneratedRegex(@"^echo '(?<input>[^']*)' \| (?<command>xai-grok-onboarding .*)$")]
    private static partial Regex EchoPipe();
}
