using System.Diagnostics;
using System.Text.RegularExpressions;
using XaiGrok.Onboarding.Tests.Support;
using Xunit;

namespace XaiGrok.Onboarding.Tests.Emulator;

/// <summary>
/// The emulator's program as README tells a person to run it (<c>dotnet run --project emulator [-- demo]</c>), run here
/// from its build output as a subprocess.
/// </summary>
public sealed partial class EmulatorProgramTests
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(90);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string EmulatorDll => CliRunner.BuildOutput("emulator", "XaiGrok.Emulator.dll");

    [Fact]
    public async Task Serve_PrintsExportLinesWithAFreshStateFolder_WhichTheCliUsesAndWhichIsRemovedOnSigterm()
    {
        using var user = new TestHome();
        var start = CliRunner.DotnetStartInfo(EmulatorDll, new Dictionary<string, string> { ["HOME"] = user.Parent }, "serve");
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the emulator");
        var stderr = process.StandardError.ReadToEndAsync(Ct);
        try
        {
            // The lines a person pastes into their shell; the client id comes last.
            var exported = new Dictionary<string, string>(StringComparer.Ordinal);
            using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct))
            {
                timeout.CancelAfter(Generous);
                while (!exported.ContainsKey("XAI_OAUTH_CLIENT_ID"))
                {
                    var line = await process.StandardOutput.ReadLineAsync(timeout.Token)
                        ?? throw new InvalidOperationException($"the emulator ended its output early: {await stderr}");
                    var export = ExportLine().Match(line);
                    Assert.True(export.Success, $"not an export line: {line}");
                    exported[export.Groups["name"].Value] = export.Groups["value"].Value.Trim('\'');
                }
            }

            Assert.Equal(["XAI_API_BASE_URL", "XAI_GROK_HOME", "XAI_OAUTH_CLIENT_ID", "XAI_OAUTH_ISSUER"], exported.Keys.Order(StringComparer.Ordinal));
            var home = exported["XAI_GROK_HOME"];
            Assert.NotEqual(Path.GetFullPath(Path.Combine(user.Parent, ".xai-grok")), Path.GetFullPath(home));
            Assert.StartsWith(Path.GetFullPath(Path.GetTempPath()), Path.GetFullPath(home), StringComparison.Ordinal);
            Assert.True(Directory.Exists(home), home);
            Assert.Empty(Directory.EnumerateFileSystemEntries(home));

            // The CLI given exactly those variables signs in against the emulator and keeps its state in that folder.
            var started = await CliRunner.RunAsync(new Dictionary<string, string>(exported) { ["HOME"] = user.Parent }, "start");
            Assert.True(started.ExitCode == 0, started.ToString());
            Assert.NotEmpty(Directory.EnumerateFiles(home, "pending-*.json"));
            Assert.False(Directory.Exists(Path.Combine(user.Parent, ".xai-grok")));

            using var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            using var exit = CancellationTokenSource.CreateLinkedTokenSource(Ct);
            exit.CancelAfter(Generous);
            await process.WaitForExitAsync(exit.Token);

            Assert.True(process.ExitCode == 0, $"exit {process.ExitCode}: {await stderr}");
            Assert.False(Directory.Exists(home), $"{home} is left behind");
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }

    [Fact]
    public async Task Demo_PrintsTheModelListOnceAndExplainsListed()
    {
        using var user = new TestHome();
        var start = CliRunner.DotnetStartInfo(EmulatorDll, new Dictionary<string, string> { ["HOME"] = user.Parent }, "demo");
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the demo");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(Ct);
        var stderr = process.StandardError.ReadToEndAsync(Ct);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(Generous);
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

        // poll, status and models all return the list; each model appears once in what the demo prints.
        foreach (var model in new[] { "grok-4.3", "grok-4.20-multi-agent-0309", "grok-imagine-image" })
        {
            Assert.True(
                Regex.Count(run.Stdout, $"\"upstream_id\": \"{Regex.Escape(model)}\"") == 1,
                $"{model} is not printed exactly once:\n{run.Stdout}");
        }

        Assert.Contains("\"listed\": false", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("\"listed\": false marks a model that xAI's /v1/models does not list", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("\"status\": \"connected\"", run.Stdout, StringComparison.Ordinal);
    }

    [GeneratedRegex("^export (?<name>[A-Z_]+)=(?<value>.+)$")]
    private static partial Regex ExportLine();
}
