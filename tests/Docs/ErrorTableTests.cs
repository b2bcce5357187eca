using System.Reflection;
using System.Text.RegularExpressions;
using XaiGrok.Onboarding.Errors;
using XaiGrok.Onboarding.Tests.Support;
using Xunit;

namespace XaiGrok.Onboarding.Tests.Docs;

/// <summary>
/// SKILL.md's error table is what an agent reads when a call fails: it must name every code the module can return
/// (the constants of <see cref="ErrorCodes"/>), each once, with both what to tell the person and what the agent does.
/// </summary>
public sealed partial class ErrorTableTests
{
    private const string Section = "## Errors and what to do";

    private static IReadOnlySet<string> Codes { get; } = typeof(ErrorCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f is { IsLiteral: true } && f.FieldType == typeof(string))
        .Select(f => (string)f.GetRawConstantValue()!)
        .ToHashSet(StringComparer.Ordinal);

    [Fact]
    public void SKILL_md_error_table_lists_exactly_the_error_codes_with_what_to_tell_the_person_and_what_to_do()
    {
        var table = TableAfter(Section);
        var header = table[0];
        var tell = Array.IndexOf(header, "tell the person");
        var act = Array.IndexOf(header, "you do");
        Assert.True(header[0] == "error" && tell > 0 && act > 0, $"the table's header is | error | ... | tell the person | you do |, not | {string.Join(" | ", header)} |");

        var listed = new List<string>();
        foreach (var row in table.Skip(2))
        {
            var codes = Code().Matches(row[0]).Select(m => m.Groups["code"].Value).ToList();
            Assert.True(codes.Count > 0, $"a row names no code: | {string.Join(" | ", row)} |");
            Assert.True(row.Length == header.Length, $"{row[0]}: {row.Length} cells, the header has {header.Length}");
            Assert.False(string.IsNullOrWhiteSpace(row[tell]), $"{row[0]}: nothing to tell the person");
            Assert.False(string.IsNullOrWhiteSpace(row[act]), $"{row[0]}: nothing for the agent to do");
            listed.AddRange(codes);
        }

        Assert.Equal(listed.Count, listed.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(Codes.Order(StringComparer.Ordinal), listed.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void SKILL_md_never_sends_the_agent_to_start_on_reauth_required()
    {
        var table = TableAfter(Section);
        var act = Array.IndexOf(table[0], "you do");
        var row = Assert.Single(table.Skip(2), r => r[0].Contains("`reauth_required`", StringComparison.Ordinal));

        // The session ended without the person asking for anything: signing in again is their decision.
        Assert.Contains("ask", row[act], StringComparison.OrdinalIgnoreCase);
        Assert.Matches(@"only (if|when|after) they", row[act]);
    }

    [Fact]
    public void README_error_codes_paragraph_names_every_error_code()
    {
        var readme = File.ReadAllText(Path.Combine(CliRunner.RepositoryRoot, "README.md"));
        var start = readme.IndexOf("Error codes: ", StringComparison.Ordinal);
        Assert.True(start >= 0, "README.md has no \"Error codes: \" paragraph");
        var end = readme.IndexOf("\n\n", start, StringComparison.Ordinal);
        var named = Code().Matches(readme[start..end]).Select(m => m.Groups["code"].Value).ToHashSet(StringComparer.Ordinal);

        Assert.Empty(Codes.Except(named));
    }

    /// <summary>The markdown table that follows a heading: its rows, each split into trimmed cells (header, rule, rows).</summary>
    private static List<string[]> TableAfter(string heading)
    {
        var lines = File.ReadAllLines(Path.Combine(CliRunner.RepositoryRoot, "SKILL.md"));
        var at = Array.IndexOf(lines, heading);
        Assert.True(at >= 0, $"SKILL.md has no \"{heading}\"");
        var rows = lines.Skip(at + 1)
            .SkipWhile(l => !l.StartsWith('|'))
            .TakeWhile(l => l.StartsWith('|'))
            .Select(l => l.Trim().Trim('|').Split('|').Select(c => c.Trim()).ToArray())
            .ToList();
        Assert.True(rows.Count > 2, $"no table after \"{heading}\"");
        return rows;
    }

    [GeneratedRegex("`(?<code>[a-z_]+)`")]
    private static partial Regex Code();
}
