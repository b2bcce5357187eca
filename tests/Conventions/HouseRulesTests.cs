using System.Text.RegularExpressions;
using System.Xml.Linq;
using XaiGrok.Onboarding.Tests.Support;
using Xunit;

namespace XaiGrok.Onboarding.Tests.Conventions;

/// <summary>
/// The habits the build keeps are set once, at the root, and reach every project: .editorconfig's rules as errors,
/// the analyzers and the documentation file from Directory.Build.props/targets, the library's public API on record.
/// </summary>
public sealed partial class HouseRulesTests
{
    private static readonly string Root = CliRunner.RepositoryRoot;

    private static readonly string[] EnforcedRules = ["IDE0005", "IDE0011", "IDE0161", "IDE1006", "CA1068", "CA1001", "CA2213", "RS0016", "RS0017"];

    // The benchmarks may silence CA1001 (BenchmarkDotNet disposes in [GlobalCleanup], not through IDisposable); these no project may.
    private static readonly string[] NeverSilenced = ["IDE0005", "IDE0011", "IDE0161", "IDE1006", "CA1068", "RS0016", "RS0017", "RS0030"];

    private static IEnumerable<string> ProjectFiles() =>
        Directory.EnumerateFiles(Root, "*.csproj", SearchOption.AllDirectories)
            .Where(path => !path.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj" or ".git" or "artifacts"));

    [Fact]
    public void EditorConfig_IsTheRoot_AndMakesEachRuleAnError()
    {
        var config = File.ReadAllText(Path.Combine(Root, ".editorconfig"));

        Assert.Matches(RootLine(), config);
        Assert.All(EnforcedRules, rule => Assert.Contains($"dotnet_diagnostic.{rule}.severity = error", config, StringComparison.Ordinal));
    }

    [Fact]
    public void EveryProject_InheritsTheRules_AndSilencesNoneOfThem()
    {
        var projects = ProjectFiles().ToList();

        Assert.Contains(projects, path => path.EndsWith("XaiGrok.Emulator.csproj", StringComparison.Ordinal));
        Assert.Contains(projects, path => path.EndsWith("XaiGrok.Onboarding.Bench.csproj", StringComparison.Ordinal));
        Assert.All(projects, path =>
        {
            var project = XDocument.Load(path);
            var properties = project.Descendants().Where(element => element.Parent?.Name.LocalName == "PropertyGroup").ToList();
            Assert.DoesNotContain(properties, element => element.Name.LocalName is "EnforceCodeStyleInBuild" or "GenerateDocumentationFile" or "TreatWarningsAsErrors" && element.Value.Trim() == "false");
            var silenced = properties.Where(element => element.Name.LocalName == "NoWarn").SelectMany(element => element.Value.Split(';', StringSplitOptions.TrimEntries));
            Assert.Empty(silenced.Intersect(NeverSilenced));

            // Set once at the root (Directory.Build.targets), not again by a project.
            Assert.DoesNotContain(project.Descendants(), element => element.Name.LocalName == "PackageReference" && (string?)element.Attribute("Include") == "Microsoft.CodeAnalysis.BannedApiAnalyzers");
        });
    }

    [Fact]
    public void RootBuildFiles_GiveEveryProjectTheBannedSymbols_AndTheDocumentationFile()
    {
        var props = XDocument.Load(Path.Combine(Root, "Directory.Build.props"));
        var targets = XDocument.Load(Path.Combine(Root, "Directory.Build.targets"));

        Assert.Contains(props.Descendants(), element => element.Name.LocalName == "GenerateDocumentationFile" && element.Value.Trim() == "true" && element.Attribute("Condition") is null && element.Parent!.Attribute("Condition") is null);
        Assert.Contains(targets.Descendants(), element => element.Name.LocalName == "PackageReference" && (string?)element.Attribute("Include") == "Microsoft.CodeAnalysis.BannedApiAnalyzers" && element.Parent!.Attribute("Condition") is null);
        Assert.Contains(targets.Descendants(), element => element.Name.LocalName == "AdditionalFiles" && ((string?)element.Attribute("Include"))!.EndsWith("BannedSymbols.txt", StringComparison.Ordinal));
    }

    [Fact]
    public void PublicApiFile_ListsEveryPublicTypeOfTheLibrary()
    {
        var shipped = Path.Combine(Root, "library", "PublicAPI.Shipped.txt");
        Assert.True(File.Exists(shipped), "library/PublicAPI.Shipped.txt is missing: run scripts/public-api.sh");
        var recorded = File.ReadAllLines(shipped).Select(line => line.Split(['(', ' ', '!', '?', '<'], 2)[0]).ToHashSet(StringComparer.Ordinal);

        var missing = typeof(SkillResult).Assembly.GetExportedTypes()
            .Select(type => type.FullName!.Replace('+', '.'))
            .Select(name => Regex.Replace(name, "`[0-9]+", string.Empty))
            .Where(name => !recorded.Contains(name))
            .ToList();

        Assert.Empty(missing);
    }

    [GeneratedRegex(@"(?m)^root = true$")]
    private static partial Regex RootLine();
}
