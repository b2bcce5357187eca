using System.Diagnostics;
using XaiGrok.Onboarding.Tests.Cli;
using XaiGrok.Onboarding.Tests.Support;
using Xunit;

namespace XaiGrok.Onboarding.Tests.Docs;

/// <summary>
/// The documented way to get the <c>xai-grok-onboarding</c> command works where agents run it: in a non-interactive
/// bash (no profile, no alias expansion, a PATH without the command), offline. The blocks' <c>dotnet build</c> line is
/// left out: the command runs the tests' own build, and a build here would rewrite the output other tests are running.
/// </summary>
public sealed class DocCommandSetupTests
{
    private const string Cli = "xai-grok-onboarding";
    private const string SkillFolder = "/absolute/path/to/xai-grok-onboarding";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SKILL_md_before_you_start_gives_the_command_to_a_non_interactive_shell()
    {
        var blocks = DocumentBlocks.Read("SKILL.md");
        var setup = blocks.First(b => b.Language == "sh");
        Assert.True(blocks[0] == setup, $"{setup}: the setup is the document's first block, before any call");
        const string Build = "dotnet build -c Release " + SkillFolder + "/xai-grok-onboarding.csproj";
        Assert.Contains(setup.Lines, line => line.StartsWith(Build, StringComparison.Ordinal));

        var script = setup.Lines.Where(line => !line.StartsWith(Build, StringComparison.Ordinal))
            .Select(line => line.Replace(SkillFolder, CliRunner.RepositoryRoot, StringComparison.Ordinal))
            .Append(Cli + " status");
        using var home = new TestHome();
        var run = await RunBashAsync(string.Join('\n', script), Path.GetTempPath(), home);

        Assert.True(run.ExitCode == 0, run.ToString());
        var lines = run.Stdout.Split('\n', 2);
        Assert.Equal(Path.Combine(CliRunner.RepositoryRoot, "scripts", Cli), lines[0]);
        AssertNotConnected(new CliRun(run.ExitCode, lines[1], run.Stderr));
    }

    [Fact]
    public async Task README_using_the_CLI_block_gives_the_command_to_a_non_interactive_shell()
    {
        var block = DocumentBlocks.Read("README.md").First(b => b.Language == "sh" && b.Lines.Contains("dotnet build"));
        var setup = block.Lines.TakeWhile(line => !line.StartsWith(Cli + " ", StringComparison.Ordinal)).Where(line => line != "dotnet build");
        var first = block.Lines.First(line => line.StartsWith(Cli + " ", StringComparison.Ordinal));
        Assert.StartsWith(Cli + " status ", first, StringComparison.Ordinal);

        using var home = new TestHome();
        var run = await RunBashAsync(string.Join('\n', setup.Append(first)), CliRunner.RepositoryRoot, home);

        AssertNotConnected(run);
    }

    private static void AssertNotConnected(CliRun run)
    {
        Assert.True(run.ExitCode == 0, run.ToString());
        var json = CliHarness.AssertOneJsonObject(run);
        Assert.True(DocJson.IsOk(json), run.ToString());
        Assert.False(json.GetProperty("connected").GetBoolean(), run.ToString());
    }

    /// <summary>
    /// <c>bash --noprofile --norc -c</c> in <paramref name="folder"/>, as an agent's tool runs a block: HOME is empty, and
    /// no folder of PATH holds the command already (an installed tool would prove nothing).
    /// </summary>
    private static async Task<CliRun> RunBashAsync(string script, string folder, TestHome home)
    {
        var start = CliRunner.DotnetStartInfo("unused", new Dictionary<string, string> { ["XAI_GROK_HOME"] = home.Path });
        start.FileName = "bash";
        start.ArgumentList.Clear();
        foreach (var word in (string[])["--noprofile", "--norc", "-c", script])
        {
            start.ArgumentList.Add(word);
        }

        start.WorkingDirectory = folder;
        var path = (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin").Split(Path.PathSeparator)
            .Where(p => p.Length > 0 && !File.Exists(Path.Combine(p, Cli)));
        start.Environment["PATH"] = string.Join(Path.PathSeparator, path);
        var emptyHome = Path.Combine(home.Parent, "user-home");
        Directory.CreateDirectory(emptyHome);
        start.Environment["HOME"] = emptyHome;
        start.Environment.Remove("BASH_ENV");
        start.Environment.Remove("ENV");

        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start bash");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(Ct);
        var stderr = process.StandardError.ReadToEndAsync(Ct);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return new CliRun(process.ExitCode, await stdout, await stderr);
    }
}
