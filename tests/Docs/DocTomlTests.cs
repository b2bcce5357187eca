using XaiGrok.Onboarding.Config;
using XaiGrok.Onboarding.Tests.Support;
using Xunit;

namespace XaiGrok.Onboarding.Tests.Docs;

/// <summary>
/// Every <c>toml</c> block of README.md and SKILL.md is a <c>config.toml</c> the module reads as it stands: no problem,
/// and every key it sets is one the module uses (a misspelt key would be ignored silently).
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class DocTomlTests
{
    [Fact]
    public void Every_toml_block_is_a_config_the_module_reads()
    {
        var blocks = new[] { "README.md", "SKILL.md" }.SelectMany(DocumentBlocks.Read).Where(block => block.Language == "toml").ToArray();
        Assert.NotEmpty(blocks);
        foreach (var block in blocks)
        {
            using var home = new TestHome();
            Directory.CreateDirectory(home.Path);
            var path = Path.Combine(home.Path, "config.toml");
            File.WriteAllText(path, block.Code);
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);

            var options = EnvironmentOptionsReader.Read(name => name == "XAI_GROK_HOME" ? home.Path : null);

            Assert.True(options.InvalidSettings.Count == 0, $"{block}: {InvalidSetting.FailureFor(options.InvalidSettings)?.Detail}");
            var fromFile = options.SettingSources!.Count(pair => pair.Value.Kind == SettingSource.File) + options.ConfigModelKeys.Count;
            var keys = block.Lines.Count(line => line.Contains('=', StringComparison.Ordinal) && !line.TrimStart().StartsWith('#'));
            Assert.True(fromFile == keys, $"{block}: {keys} keys written, {fromFile} used");
        }
    }
}
