using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;

namespace XaiGrok.Onboarding.Cli.Help;

/// <summary>
/// The standard help, then what it has no section for: the exit codes (every verb) and the environment variables that
/// configure the module (the root's help). System.CommandLine 2.0 customizes help by replacing the help option's action.
/// </summary>
internal sealed class HelpEpilogue(HelpAction standard) : SynchronousCommandLineAction
{
    // Like the standard action: "verb --help" shows help even when the rest of the line does not parse.
    public override bool ClearsParseErrors => true;

    public static void AddTo(RootCommand root)
    {
        var help = root.Options.OfType<HelpOption>().Single();
        help.Action = new HelpEpilogue((HelpAction)help.Action!);
    }

    public override int Invoke(ParseResult parseResult)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        var exit = standard.Invoke(parseResult);
        parseResult.InvocationConfiguration.Output.Write(HelpSections.For(parseResult.CommandResult.Command));
        return exit;
    }
}
