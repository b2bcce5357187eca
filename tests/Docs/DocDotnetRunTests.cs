using System.Diagnostics;
using System.Text.Json;
using XaiGrok.Onboarding.Tests.Cli;
using XaiGrok.Onboarding.Tests.Support;
using Xunit;

namespace XaiGrok.Onboarding.Tests.Docs;

/// <summary>
/// The <c>dotnet run</c> file-based block of SKILL.md, run for real once, as an agent runs it: its <c>#:project</c>
/// pointed at this repository, then piped to <c>dotnet run -</c> (the program read from stdin) against the emulator with a
/// connected home. It builds the app, so it takes tens of seconds; it is the only such run in the suite.
/// </summary>
public sealed class DocDotnetRunTests
{
    private const string ProjectLine = "#:project /absolute/path/to/xai-grok-onboarding/library/XaiGrok.Onboarding.csproj";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_dotnet_run_block_of_SKILL_md_runs_for_real()
    {
        var block = Assert.Single(DocumentBlocks.Read("SKILL.md"), b => b.Language == "csharp");
        Assert.Contains(ProjectLine, block.Lines);
        Assert.Contains("#:property PublishAot=false", block.Lines);

        await using var harness = await CliHarness.StartAsync();
        await harness.ConnectAsync(tier: 5);

        var folder = Path.Combine(harness.Home.Parent, "app");
        Directory.CreateDirectory(folder);
        var project = Path.Combine(CliRunner.RepositoryRoot, "library", "XaiGrok.Onboarding.csproj");
        var program = block.Code.Replace(ProjectLine, "#:project " + project, StringComparison.Ordinal) + "\n";

        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = folder,
        };
        start.ArgumentList.Add("run");
        start.ArgumentList.Add("-");
        foreach (var name in start.Environment.Keys.Where(n => n.StartsWith("XAI_", StringComparison.Ordinal) || n.StartsWith("GROK_", StringComparison.Ordinal)).ToArray())
        {
            start.Environment.Remove(name);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (name, value) in harness.Environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start dotnet run");
        var stdout = process.StandardOutput.ReadToEndAsync(Ct);
        var stderr = process.StandardError.ReadToEndAsync(Ct);
        await process.StandardInput.WriteAsync(program);
        process.StandardInput.Close();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromMinutes(4));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        var run = new CliRun(process.ExitCode, await stdout, await stderr);
        Assert.True(run.ExitCode == 0, run.ToString());
        var results = DocJson.Objects(run.Stdout);
        Assert.True(results.Count == 2, run.ToString());
        Assert.True(DocJson.IsOk(results[0]) && results[0].GetProperty("connected").GetBoolean(), run.ToString());
        Assert.True(DocJson.IsOk(results[1]), run.ToString());
        Assert.False(string.IsNullOrWhiteSpace(results[1].GetProperty("content").GetString()), run.ToString());

        var auth = harness.ReadAuthFile();
        var secrets = new[] { "access_token", "refresh_token" }
            .Where(n => auth.TryGetProperty(n, out var v) && v.ValueKind == JsonValueKind.String)
            .ToDictionary(n => n, n => auth.GetProperty(n).GetString()!);
        Assert.NotEmpty(secrets);
        SecretScan.AssertAbsent(run.Stdout, secrets);
        SecretScan.AssertAbsent(run.Stderr, secrets);
    }
}
