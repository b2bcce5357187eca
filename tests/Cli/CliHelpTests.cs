using System.CommandLine;
using System.Reflection;
using XaiGrok.Onboarding.Cli;
using XaiGrok.Onboarding.Config;
using XaiGrok.Onboarding.Tests.Support;
using Xunit;

namespace XaiGrok.Onboarding.Tests.Cli;

/// <summary>
/// Help is complete: the tree the CLI builds is walked, so a new verb, option or argument without a description fails
/// here, and each verb's <c>--help</c> runs as a real subprocess and must show every one of them with its description.
/// </summary>
public sealed class CliHelpTests
{
    private static readonly RootCommand Root = CliApplication.Build(
        () => throw new InvalidOperationException("help needs no module"), TextWriter.Null, TextWriter.Null, () => TextReader.Null, TimeProvider.System);

    public static TheoryData<string> Verbs => [.. Commands().Select(c => c.Path)];

    [Fact]
    public void VerbNames_ListEveryVerbOfTheTree_AndEachBuildsAloneTheSame()
    {
        Assert.Equal(Root.Subcommands.Select(c => c.Name), CliApplication.VerbNames);
        foreach (var full in Root.Subcommands)
        {
            var alone = CliApplication.Build(
                () => throw new InvalidOperationException("no module"), TextWriter.Null, TextWriter.Null, () => TextReader.Null, TimeProvider.System, only: full.Name);

            var verb = Assert.Single(alone.Subcommands);
            Assert.Equal(full.Name, verb.Name);
            Assert.Equal(full.Options.Select(o => o.Name), verb.Options.Select(o => o.Name));
            Assert.Equal(full.Arguments.Select(a => a.Name), verb.Arguments.Select(a => a.Name));
            Assert.Equal(Root.Options.Select(o => o.Name), alone.Options.Select(o => o.Name));
        }
    }

    [Fact]
    public void EveryVerbOptionAndArgument_HasADescription()
    {
        Assert.False(string.IsNullOrWhiteSpace(Root.Description));
        foreach (var (path, command) in Commands())
        {
            Assert.False(string.IsNullOrWhiteSpace(command.Description), $"'{path}' has no description");
            Assert.All(VisibleOptions(command), option => Assert.False(string.IsNullOrWhiteSpace(option.Description), $"'{path} {option.Name}' has no description"));
            Assert.All(command.Arguments, argument => Assert.False(string.IsNullOrWhiteSpace(argument.Description), $"'{path} <{argument.Name}>' has no description"));
        }
    }

    [Theory]
    [MemberData(nameof(Verbs))]
    public async Task Help_ShowsEveryOptionArgumentAndVerb_WithItsDescription(string path)
    {
        using var home = new TestHome();
        var command = Commands().Single(c => c.Path == path).Command;

        var run = await CliRunner.RunAsync(new Dictionary<string, string> { ["XAI_GROK_HOME"] = home.Path }, [.. path.Split(' ', StringSplitOptions.RemoveEmptyEntries), "--help"]);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Empty(run.Stderr);
        var lines = run.Stdout.Split('\n');
        var symbols = VisibleOptions(command).Select(o => (o.Name, o.Description!))
            .Concat(command.Arguments.Select(a => ($"<{a.Name}>", a.Description!)))
            .Concat(command.Subcommands.Select(c => (c.Name, c.Description!)));
        foreach (var (name, description) in symbols)
        {
            // The description's first words stand on the symbol's own line (later words may wrap).
            var opening = string.Join(' ', description.Split(' ').Take(3));
            Assert.True(
                lines.Any(line => line.TrimStart().StartsWith(name, StringComparison.Ordinal) || line.Contains(", " + name, StringComparison.Ordinal)
                    ? line.Contains(opening, StringComparison.Ordinal) : false),
                $"'{path} --help' does not show {name} with \"{opening}...\":\n{run.Stdout}");
        }

        Assert.Contains("Exit codes:", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RootHelp_NamesEveryConfigurationVariable()
    {
        using var home = new TestHome();
        var run = await CliRunner.RunAsync(new Dictionary<string, string> { ["XAI_GROK_HOME"] = home.Path }, "--help");

        // Every variable the module reads; GROK_AUTH_EXPIRED is one it sets for the provider, not configuration.
        var variables = typeof(EnvironmentVariables).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(field => (string)field.GetValue(null)!)
            .Where(name => name != EnvironmentVariables.ProviderExpired);
        Assert.All(variables, name => Assert.Matches($@"(?m)^  {name} +\S", run.Stdout));
        Assert.Contains("130", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerbHelp_LeavesTheEnvironmentToTheRootsHelp()
    {
        using var home = new TestHome();
        var run = await CliRunner.RunAsync(new Dictionary<string, string> { ["XAI_GROK_HOME"] = home.Path }, "status", "--help");

        Assert.Contains("Exit codes:", run.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("Environment", run.Stdout, StringComparison.Ordinal);
    }

    /// <summary>The root ("") and every verb below it, with the words that reach it.</summary>
    private static IEnumerable<(string Path, Command Command)> Commands()
    {
        var pending = new Stack<(string Path, Command Command)>([("", Root)]);
        while (pending.TryPop(out var next))
        {
            yield return next;
            foreach (var sub in next.Command.Subcommands)
            {
                pending.Push(((next.Path + " " + sub.Name).Trim(), sub));
            }
        }
    }

    /// <summary>A verb's own options and those it inherits (recursive ones of its ancestors: --json, --help).</summary>
    private static IEnumerable<Option> VisibleOptions(Command command)
    {
        var inherited = command.Parents.OfType<Command>().SelectMany(parent => VisibleOptions(parent)).Where(option => option.Recursive);
        return command.Options.Concat(inherited).Where(option => !option.Hidden).DistinctBy(option => option.Name);
    }
}
