using System.Text.RegularExpressions;
using XaiGrok.Onboarding.Tests.Support;

namespace XaiGrok.Onboarding.Tests.Docs;

/// <summary>One fenced block of a markdown document: its language tag (<c>sh</c>, <c>csharp</c>, <c>csx</c>, <c>toml</c>, or empty), the
/// 1-based line of its opening fence, and its text with the fence's indentation removed.</summary>
public sealed record DocumentBlock(string Document, string Language, int Line, string Code)
{
    public IReadOnlyList<string> Lines => Code.Split('\n');

    public override string ToString() => $"{Document}:{Line} ({Language})";
}

/// <summary>Reads the fenced code blocks of a markdown file at the repository root, in document order.</summary>
public static partial class DocumentBlocks
{
    public static IReadOnlyList<DocumentBlock> Read(string fileName)
    {
        var lines = File.ReadAllLines(Path.Combine(CliRunner.RepositoryRoot, fileName));
        var blocks = new List<DocumentBlock>();
        for (var i = 0; i < lines.Length; i++)
        {
            var open = Opening().Match(lines[i]);
            if (!open.Success)
            {
                continue;
            }

            var indent = open.Groups["indent"].Value.Length;
            var body = new List<string>();
            var j = i + 1;
            for (; j < lines.Length && !Closing().IsMatch(lines[j]); j++)
            {
                var line = lines[j];
                var strip = Math.Min(indent, line.Length - line.TrimStart(' ').Length);
                body.Add(line[strip..]);
            }

            if (j == lines.Length)
            {
                throw new InvalidDataException($"{fileName}:{i + 1}: the fenced block is never closed");
            }

            blocks.Add(new DocumentBlock(fileName, open.Groups["lang"].Value, i + 1, string.Join('\n', body)));
            i = j;
        }

        return blocks;
    }

    [GeneratedRegex(@"^(?<indent> *)```(?<lang>[A-Za-z0-9_+-]*)\s*$")]
    private static partial Regex Opening();

    [GeneratedRegex(@"^ *```\s*$")]
    private static partial Regex Closing();
}
