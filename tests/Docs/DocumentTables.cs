using XaiGrok.Onboarding.Tests.Support;
using Xunit;

namespace XaiGrok.Onboarding.Tests.Docs;

/// <summary>Reads the markdown table that follows a heading in a document at the repository root.</summary>
public static class DocumentTables
{
    /// <summary>The table's rows after <paramref name="heading"/>, each split into trimmed cells (header, rule, rows).</summary>
    public static List<string[]> After(string fileName, string heading)
    {
        var lines = File.ReadAllLines(Path.Combine(CliRunner.RepositoryRoot, fileName));
        var at = Array.IndexOf(lines, heading);
        Assert.True(at >= 0, $"{fileName} has no \"{heading}\"");
        var rows = lines.Skip(at + 1)
            .TakeWhile(line => !line.StartsWith("#", StringComparison.Ordinal))
            .SkipWhile(line => !line.StartsWith('|'))
            .TakeWhile(line => line.StartsWith('|'))
            .Select(line => line.Trim().Trim('|').Split('|').Select(cell => cell.Trim()).ToArray())
            .ToList();
        Assert.True(rows.Count > 2, $"{fileName}: no table after \"{heading}\"");
        return rows;
    }
}
