using System.Reflection;
using System.Text.RegularExpressions;
using Xunit;

namespace XaiGrok.Onboarding.Tests.Docs;

/// <summary>
/// README's and SKILL.md's "What the results hold" tables are how people and agents learn the result keys: each must
/// name exactly the keys the results can hold (the constants of <see cref="ResultKeys"/>, which the mapper writes).
/// In a fields cell a key is a backticked name (<c>`pending_id`</c>), the name before a colon (<c>`status: "pending"`</c>)
/// or a quoted name in an object (<c>`{"source": "file", "line": N}`</c>); a value is written quoted (<c>`"oauth"`</c>).
/// </summary>
public sealed partial class ResultFieldTableTests
{
    private const string Section = "## What the results hold";

    private static IReadOnlySet<string> Keys { get; } = typeof(ResultKeys)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(field => field is { IsLiteral: true } && field.FieldType == typeof(string))
        .Select(field => (string)field.GetRawConstantValue()!)
        .ToHashSet(StringComparer.Ordinal);

    [Theory]
    [InlineData("README.md")]
    [InlineData("SKILL.md")]
    public void FieldTable_ListsExactlyTheResultKeys(string document)
    {
        var table = DocumentTables.After(document, Section);
        Assert.Equal(["call", "fields"], table[0]);

        var documented = table.Skip(2).SelectMany(row => KeysIn(row[1])).ToHashSet(StringComparer.Ordinal);

        var missing = Keys.Except(documented).Order(StringComparer.Ordinal).ToArray();
        var unknown = documented.Except(Keys).Order(StringComparer.Ordinal).ToArray();
        Assert.True(missing.Length == 0, $"{document} does not list: {string.Join(", ", missing)}");
        Assert.True(unknown.Length == 0, $"{document} lists keys no result has: {string.Join(", ", unknown)}");
    }

    [Fact]
    public void KeysIn_TellsKeysFromValues() => Assert.Equal(
        ["status", "pending_id", "source", "line"],
        KeysIn("""`status: "pending"`, `pending_id`, `"oauth"`, `xai-grok/grok-4.3`, `{"source": "file", "line": N}`"""));

    private static IEnumerable<string> KeysIn(string cell)
    {
        foreach (var span in Backticked().Matches(cell).Select(match => match.Groups["text"].Value))
        {
            if (span.StartsWith('{'))
            {
                foreach (var key in ObjectKey().Matches(span).Select(match => match.Groups["key"].Value))
                {
                    yield return key;
                }
            }
            else if (Name().Match(span) is { Success: true } name)
            {
                yield return name.Groups["key"].Value;
            }
        }
    }

    [GeneratedRegex("`(?<text>[^`]+)`")]
    private static partial Regex Backticked();

    [GeneratedRegex("\"(?<key>[a-z][a-z0-9_]*)\":")]
    private static partial Regex ObjectKey();

    [GeneratedRegex("^(?<key>[a-z][a-z0-9_]*)(:.*)?$")]
    private static partial Regex Name();
}
