using Xunit;

namespace XaiGrok.Onboarding.Tests.Conventions;

/// <summary>
/// The tests mirror the engine: every folder of <c>skill/</c> has its unit tests in the folder of the same name under
/// <c>tests/</c>, so a part tested only end to end shows up here rather than in a review.
/// </summary>
public sealed class TestLayoutTests
{
    [Fact]
    public void EveryEngineFolder_HasATestFolderOfTheSameName()
    {
        var root = RepositoryRoot();
        var engine = Folders(Path.Combine(root, "skill"));
        var tests = Folders(Path.Combine(root, "tests"));

        Assert.NotEmpty(engine);
        var untested = engine.Where(folder => !tests.Contains(folder)).ToArray();
        Assert.True(untested.Length == 0, $"engine folders without a test folder: {string.Join(", ", untested)} (add tests/<Folder>/ with its unit tests)");
    }

    [Fact]
    public void EveryEngineTestFolder_HoldsTests()
    {
        var root = RepositoryRoot();
        foreach (var folder in Folders(Path.Combine(root, "skill")))
        {
            var files = Directory.EnumerateFiles(Path.Combine(root, "tests", folder), "*Tests.cs", SearchOption.AllDirectories);
            Assert.True(files.Any(), $"tests/{folder}/ has no *Tests.cs file");
        }
    }

    private static HashSet<string> Folders(string path) =>
        Directory.EnumerateDirectories(path).Select(Path.GetFileName).OfType<string>().ToHashSet(StringComparer.Ordinal);

    // The test assembly runs from tests/bin/...: the repository is the nearest folder up that holds skill/ and tests/.
    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (Directory.Exists(Path.Combine(folder.FullName, "skill")) && Directory.Exists(Path.Combine(folder.FullName, "tests")))
            {
                return folder.FullName;
            }
        }

        throw new DirectoryNotFoundException($"no folder above {AppContext.BaseDirectory} holds skill/ and tests/");
    }
}
