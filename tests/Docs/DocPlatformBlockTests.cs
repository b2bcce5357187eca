using XaiGrok.Onboarding.Tests.Support;
using Xunit;

namespace XaiGrok.Onboarding.Tests.Docs;

/// <summary>
/// The C# blocks of README's "For platforms" section (up to its IChatClient part) are excerpts of samples/PlatformHost,
/// which is built with the solution and run as a process by tests/Samples: each line of code in them is a line of the
/// sample, so the documented calls are calls that compile and answer as the contract says.
/// </summary>
public sealed class DocPlatformBlockTests
{
    private const string ChatClientHeading = "### Microsoft.Extensions.AI";

    [Fact]
    public void Every_code_line_of_the_platform_blocks_is_a_line_of_the_sample_host()
    {
        var lines = File.ReadAllLines(Path.Combine(CliRunner.RepositoryRoot, "README.md"));
        var start = Array.IndexOf(lines, DocScriptTests.PlatformsHeading) + 1;
        var end = Array.FindIndex(lines, start, line => line.StartsWith(ChatClientHeading, StringComparison.Ordinal)) + 1;
        Assert.True(start > 0 && end > start, "README.md has no platform section followed by its IChatClient part");

        var sample = Directory.GetFiles(Path.Combine(CliRunner.RepositoryRoot, "samples", "PlatformHost"), "*.cs")
            .SelectMany(File.ReadAllLines)
            .Select(line => line.Trim())
            .ToHashSet(StringComparer.Ordinal);
        var blocks = DocumentBlocks.Read("README.md").Where(b => b.Language == "csharp" && b.Line > start && b.Line < end).ToList();
        Assert.NotEmpty(blocks);

        foreach (var block in blocks)
        {
            foreach (var line in block.Lines.Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith("//", StringComparison.Ordinal)))
            {
                Assert.True(sample.Any(code => code.Contains(line, StringComparison.Ordinal)), $"{block}: \"{line}\" is not in samples/PlatformHost");
            }
        }
    }
}
