using Xunit;

namespace XaiGrok.Onboarding.Tests.Packaging;

/// <summary>
/// The library a host references carries nothing of the command-line tool: no argument parser, no QR code, no console
/// logger. Read from the compiled assembly's own references, so a <c>using</c> added anywhere in skill/ or exports/
/// that pulls one in fails here (the pack test reads the package's declared dependencies).
/// </summary>
public sealed class LibraryDependencyTests
{
    [Theory]
    [InlineData("System.CommandLine")]
    [InlineData("QRCoder")]
    [InlineData("Microsoft.Extensions.Logging.Console")]
    public void The_library_assembly_references_no_CLI_dependency(string cliOnly)
    {
        var references = typeof(XaiGrok.Onboarding.Exports).Assembly.GetReferencedAssemblies().Select(a => a.Name).ToList();

        Assert.Contains("Polly.Core", references);
        Assert.DoesNotContain(cliOnly, references);
    }

    [Fact]
    public void The_CLI_lives_in_the_tool_assembly_and_the_engine_in_the_library()
    {
        Assert.Equal("XaiGrok.Onboarding", typeof(XaiGrok.Onboarding.Exports).Assembly.GetName().Name);
        Assert.Equal("xai-grok-onboarding", typeof(XaiGrok.Onboarding.Cli.CliApplication).Assembly.GetName().Name);
    }
}
