using System.Text.Json;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.Scripting;
using XaiGrok.Emulator;
using XaiGrok.Onboarding.Tests.Support;
using Xunit;

namespace XaiGrok.Onboarding.Tests.Docs;

/// <summary>
/// Tests that set XAI_ variables on the test process itself (<see cref="Exports"/> reads them once per process): they
/// run alone, after the parallel collections, so no other test sees those variables.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessEnvironmentCollection
{
    public const string Name = "process environment";
}

/// <summary>What a script block adapted by the test can call: the person's part of the sign-in.</summary>
public sealed class DocScriptGlobals
{
    public required Func<Task> PersonApproves { get; init; }
}

/// <summary>
/// The <c>csx</c> blocks of SKILL.md and the <c>csharp</c> host blocks of README.md run in process through Roslyn
/// scripting (the engine dotnet-script runs on), in document order, against one emulator and one home.
/// </summary>
[Collection(ProcessEnvironmentCollection.Name)]
public sealed class DocScriptTests
{
    internal const string PlatformsHeading = "## For platforms: many users in one process";

    private const string ReferenceLine = "#r \"/absolute/path/to/xai-grok-onboarding/bin/Release/net10.0/XaiGrok.Onboarding.dll\"";

    // dotnet-script's default imports, so a block runs here as it would there.
    private static readonly ScriptOptions Options = ScriptOptions.Default
        .AddReferences(typeof(XaiGrok.Onboarding.Exports).Assembly, typeof(DocScriptGlobals).Assembly)
        .AddImports("System", "System.IO", "System.Collections.Generic", "System.Linq", "System.Text", "System.Threading.Tasks");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_csx_blocks_of_SKILL_md_and_the_csharp_blocks_of_README_md_run_in_process()
    {
        await using var emulator = await XaiEmulator.StartAsync(new EmulatorOptions { PollIntervalSeconds = 1 }, Ct);
        using var home = new TestHome();
        var environment = new Dictionary<string, string>
        {
            ["XAI_OAUTH_ISSUER"] = emulator.Issuer,
            ["XAI_OAUTH_CLIENT_ID"] = "xgo-doc-tests",
            ["XAI_API_BASE_URL"] = emulator.ApiBaseUrl,
            ["XAI_GROK_HOME"] = home.Path,
        };
        var saved = environment.Keys.ToDictionary(name => name, Environment.GetEnvironmentVariable);
        var outputs = new List<string>();
        var secrets = new Dictionary<string, string>(StringComparer.Ordinal);
        var globals = new DocScriptGlobals { PersonApproves = () => ApproveAsync(emulator) };
        try
        {
            foreach (var (name, value) in environment)
            {
                Environment.SetEnvironmentVariable(name, value);
            }

            // SKILL.md: status, start, (the person approves), poll, models, use-model, chat.
            var csx = DocumentBlocks.Read("SKILL.md").Where(b => b.Language == "csx").ToList();
            foreach (var call in new[] { "Status()", "Start()", "Poll()", "Models()", "UseModel(", "Chat(" })
            {
                Assert.Contains(csx, b => b.Code.Contains("Exports." + call, StringComparison.Ordinal));
            }

            foreach (var block in csx)
            {
                var references = block.Lines.Where(l => l.StartsWith("#r ", StringComparison.Ordinal)).ToList();
                Assert.True(references is [ReferenceLine], $"{block}: one {ReferenceLine}");
                var code = string.Join('\n', block.Lines.Where(l => !l.StartsWith("#r ", StringComparison.Ordinal)));
                var (output, _) = await RunAsync(block, code, globals);
                outputs.Add(output);
                var results = DocJson.Objects(output);
                Assert.True(results.Count > 0, $"{block} printed no JSON:\n{output}");
                Assert.All(results, json => Assert.True(DocJson.IsOk(json), $"{block}:\n{output}"));
                if (code.Contains("Exports.Start(", StringComparison.Ordinal))
                {
                    await ApproveAsync(emulator);
                }

                Collect(home, secrets);
            }

            // README.md: the host blocks, with the person's approval played by the test.
            // (The "For platforms" section's blocks are excerpts of samples/PlatformHost, checked against it by their own test.)
            var platforms = Array.IndexOf(File.ReadAllLines(Path.Combine(CliRunner.RepositoryRoot, "README.md")), PlatformsHeading) + 1;
            Assert.True(platforms > 0, $"README.md has no line {PlatformsHeading}");
            var readme = DocumentBlocks.Read("README.md").Where(b => b.Language == "csharp" && b.Line < platforms).ToList();
            Assert.Equal(2, readme.Count);

            const string PersonApproves = "// ... the person approves ...";
            Assert.Contains(PersonApproves, readme[0].Code, StringComparison.Ordinal);
            var (first, firstState) = await RunAsync(readme[0], readme[0].Code.Replace(PersonApproves, "await PersonApproves();", StringComparison.Ordinal), globals);
            outputs.Add(first);
            Assert.Contains("?user_code=", first, StringComparison.Ordinal);
            var polled = (SkillResult)firstState.GetVariable("polled").Value!;
            Assert.True(polled.Ok, polled.ToJson());
            Assert.Equal("connected", polled["status"]);
            Collect(home, secrets);

            // A host's own options: the block's client id, and the emulator's addresses (the test's only change).
            const string HostOptions = "new OnboardingOptions { ClientId = \"my-registered-client\" }";
            Assert.Contains(HostOptions, readme[1].Code, StringComparison.Ordinal);
            var previousCode = emulator.Control.LatestUserCode;
            using var approver = CancellationTokenSource.CreateLinkedTokenSource(Ct);
            var approving = ApproveNextCodeAsync(emulator, previousCode, approver.Token);
            // A script's top level cannot hold a using declaration (CS1002); the host code can, so the test disposes instead.
            const string UsingDeclaration = "using var grok = ";
            Assert.Contains(UsingDeclaration, readme[1].Code, StringComparison.Ordinal);
            var hostCode = readme[1].Code
                .Replace(HostOptions, "OnboardingOptions.FromEnvironment() with { ClientId = \"my-registered-client\" }", StringComparison.Ordinal)
                .Replace(UsingDeclaration, "var grok = ", StringComparison.Ordinal);
            var (second, secondState) = await RunAsync(readme[1], hostCode, globals);
            ((IDisposable)secondState.GetVariable("grok").Value!).Dispose();
            await approver.CancelAsync();
            await approving;
            outputs.Add(second);
            var connected = (SkillResult)secondState.GetVariable("connected").Value!;
            Assert.True(connected.Ok, connected.ToJson());
            Assert.Equal("connected", connected["status"]);
            var answer = (SkillResult)secondState.GetVariable("answer").Value!;
            Assert.True(answer.Ok, answer.ToJson());
            Assert.False(string.IsNullOrWhiteSpace(second), "the streamed answer printed nothing");
            Collect(home, secrets);

            Assert.NotEmpty(secrets);
            foreach (var output in outputs)
            {
                SecretScan.AssertAbsent(output, secrets);
            }
        }
        finally
        {
            foreach (var (name, value) in saved)
            {
                Environment.SetEnvironmentVariable(name, value);
            }
        }
    }

    /// <summary>Runs one block with Console.Out and Console.Error captured; returns what it printed and its state.</summary>
    private static async Task<(string Output, ScriptState<object> State)> RunAsync(DocumentBlock block, string code, DocScriptGlobals globals)
    {
        var original = (Out: Console.Out, Error: Console.Error);
        using var captured = new StringWriter();
        Console.SetOut(captured);
        Console.SetError(captured);
        try
        {
            var state = await CSharpScript.RunAsync(code, Options, globals, typeof(DocScriptGlobals), Ct);
            Assert.True(state.Exception is null, $"{block}: {state.Exception}");
            return (captured.ToString(), state);
        }
        catch (CompilationErrorException e)
        {
            Assert.Fail($"{block} does not compile: {string.Join("\n", e.Diagnostics)}\n{code}");
            throw;
        }
        finally
        {
            Console.SetOut(original.Out);
            Console.SetError(original.Error);
        }
    }

    /// <summary>The person approves the newest code, then says "done" after the flow's 1 s interval (real time, on purpose).</summary>
    private static async Task ApproveAsync(XaiEmulator emulator)
    {
        emulator.Control.Approve(emulator.Control.LatestUserCode!, tier: 5);
        await Task.Delay(TimeSpan.FromSeconds(1.05), Ct);
    }

    /// <summary>A person approving in their browser while the host polls: approves the first code newer than <paramref name="previous"/>.</summary>
    private static async Task ApproveNextCodeAsync(XaiEmulator emulator, string? previous, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                var code = emulator.Control.LatestUserCode;
                if (code is not null && code != previous)
                {
                    emulator.Control.Approve(code, tier: 5);
                    return;
                }

                await Task.Delay(50, cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static void Collect(TestHome home, Dictionary<string, string> secrets)
    {
        if (!File.Exists(home.AuthFile))
        {
            return;
        }

        using var auth = JsonDocument.Parse(File.ReadAllBytes(home.AuthFile));
        foreach (var name in new[] { "access_token", "refresh_token", "id_token" })
        {
            if (auth.RootElement.TryGetProperty(name, out var value) && value.GetString() is { } token && !secrets.ContainsValue(token))
            {
                secrets[$"{name} #{secrets.Count + 1}"] = token;
            }
        }
    }
}
