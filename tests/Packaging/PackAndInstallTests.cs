using System.Diagnostics;
using System.IO.Compression;
using System.Text.Json;
using System.Xml.Linq;
using XaiGrok.Onboarding.Tests.Support;
using Xunit;

namespace XaiGrok.Onboarding.Tests.Packaging;

/// <summary>
/// Packs the root project as the .NET tool: the default pack makes the RID-specific pointer package, `-r any` the
/// framework-dependent fallback; installs them into a temp folder with --tool-path from that local folder only, as the
/// SDK does on a platform without a package of its own, and runs the installed command. The Native AOT package
/// (`-r linux-x64`, about a minute to compile) and `-r linux-musl-x64` are left to pack/pack-tool.sh --verify. Also
/// packs the library project (library/XaiGrok.Onboarding.csproj), which must carry no CLI dependency. Every run works in its own temp folder: the pack's obj/ and bin/
/// are redirected there, so the repository's build output (which the other tests run) and its artifacts/ folder are
/// never written.
/// </summary>
public sealed class PackAndInstallTests : IDisposable
{
    private const string Version = "0.1.0";
    private static readonly TimeSpan PackTimeout = TimeSpan.FromSeconds(360);
    private static readonly TimeSpan InstallTimeout = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(30);

    private readonly string temp = Path.Combine(Path.GetTempPath(), "xai-grok-pack-" + Guid.NewGuid().ToString("N"));

    public PackAndInstallTests() => Directory.CreateDirectory(temp);

    public void Dispose()
    {
        try
        {
            Directory.Delete(temp, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover temp folder does no harm.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    [Fact]
    public async Task Pack_produces_the_pointer_and_pack_for_any_the_fallback_that_installs_with_tool_path_and_runs_status()
    {
        var artifacts = Path.Combine(temp, "artifacts");
        await PackAsync(artifacts, "tool");

        // The default pack makes the pointer alone: no code, the command's name and the package for each RID.
        var pointer = Path.Combine(artifacts, $"xai-grok-onboarding.{Version}.nupkg");
        Assert.Equal([pointer], Directory.GetFiles(artifacts));
        using (var zip = ZipFile.OpenRead(pointer))
        {
            Assert.NotNull(zip.GetEntry("README.md"));
            Assert.DoesNotContain(zip.Entries, e => e.FullName.EndsWith(".dll", StringComparison.Ordinal));
            var settings = zip.GetEntry("tools/any/any/DotnetToolSettings.xml");
            Assert.NotNull(settings);
            var xml = ReadXml(settings);
            var toolCommand = xml.Descendants("Command").Single();
            Assert.Equal("xai-grok-onboarding", (string?)toolCommand.Attribute("Name"));
            Assert.Null(toolCommand.Attribute("EntryPoint"));
            var ridPackages = xml.Descendants("RuntimeIdentifierPackage")
                .Select(e => $"{(string?)e.Attribute("RuntimeIdentifier")}={(string?)e.Attribute("Id")}");
            Assert.Equal(
                ["linux-x64=xai-grok-onboarding.linux-x64", "linux-musl-x64=xai-grok-onboarding.linux-musl-x64", "any=xai-grok-onboarding.any"],
                ridPackages);

            var metadata = Metadata(zip, "xai-grok-onboarding.nuspec");
            Assert.Equal("xai-grok-onboarding", Child(metadata, "id"));
            Assert.Equal(Version, Child(metadata, "version"));
            Assert.Equal("README.md", Child(metadata, "readme"));
            Assert.Equal("MIT", Child(metadata, "license"));
            Assert.False(string.IsNullOrWhiteSpace(Child(metadata, "description")));
            Assert.Equal(["DotnetTool"], PackageTypes(metadata));
        }

        // `-r any`: the framework-dependent assembly, run by dotnet.
        await PackAsync(artifacts, "tool-any", "-r", "any");
        var fallback = Path.Combine(artifacts, $"xai-grok-onboarding.any.{Version}.nupkg");
        Assert.True(File.Exists(fallback), $"no fallback package in {artifacts}: {string.Join(", ", Directory.GetFiles(artifacts))}");
        using (var zip = ZipFile.OpenRead(fallback))
        {
            var settings = zip.GetEntry("tools/net10.0/any/DotnetToolSettings.xml");
            Assert.NotNull(settings);
            var toolCommand = ReadXml(settings).Descendants("Command").Single();
            Assert.Equal("xai-grok-onboarding", (string?)toolCommand.Attribute("Name"));
            Assert.Equal("xai-grok-onboarding.dll", (string?)toolCommand.Attribute("EntryPoint"));
            Assert.Equal("dotnet", (string?)toolCommand.Attribute("Runner"));
            Assert.NotNull(zip.GetEntry("tools/net10.0/any/xai-grok-onboarding.dll"));

            var metadata = Metadata(zip, "xai-grok-onboarding.any.nuspec");
            Assert.Equal("xai-grok-onboarding.any", Child(metadata, "id"));
            Assert.Equal(Version, Child(metadata, "version"));
            Assert.Equal(["DotnetToolRidPackage"], PackageTypes(metadata));
        }

        // Resolve from the temp folder only: a config that clears every other source, and a private packages folder.
        // DOTNET_RUNTIME_ID makes the SDK resolve the pointer for linux-arm64, a RID it names no package for: the
        // fallback `any` is chosen (here, with no linux-x64 package in the folder, the machine's own RID would fail).
        var config = Path.Combine(temp, "nuget.config");
        await File.WriteAllTextAsync(
            config,
            "<?xml version=\"1.0\" encoding=\"utf-8\"?><configuration><packageSources><clear /></packageSources></configuration>",
            TestContext.Current.CancellationToken);
        var tools = Path.Combine(temp, "tools");
        var install = await RunAsync(
            "dotnet",
            ["tool", "install", "xai-grok-onboarding", "--tool-path", tools, "--configfile", config, "--add-source", artifacts, "--version", Version],
            new Dictionary<string, string> { ["NUGET_PACKAGES"] = Path.Combine(temp, "packages"), ["DOTNET_RUNTIME_ID"] = "linux-arm64" },
            InstallTimeout);
        Assert.True(install.ExitCode == 0, $"dotnet tool install failed ({install.ExitCode}):\n{install.Stdout}\n{install.Stderr}");
        var store = Path.Combine(tools, ".store", "xai-grok-onboarding", Version);
        Assert.True(Directory.Exists(Path.Combine(store, "xai-grok-onboarding.any")), $"the fallback was not installed:\n{install.Stdout}");
        Assert.False(Directory.Exists(Path.Combine(store, "xai-grok-onboarding.linux-x64")));

        var home = Path.Combine(temp, "home");
        Directory.CreateDirectory(home);
        var command = Path.Combine(tools, OperatingSystem.IsWindows() ? "xai-grok-onboarding.exe" : "xai-grok-onboarding");
        var status = await RunAsync(command, ["status"], new Dictionary<string, string> { ["XAI_GROK_HOME"] = home }, RunTimeout);
        Assert.True(status.ExitCode == 0, $"status failed ({status.ExitCode}):\n{status.Stdout}\n{status.Stderr}");

        using var json = JsonDocument.Parse(status.Stdout);
        Assert.Equal(JsonValueKind.Object, json.RootElement.ValueKind);
        Assert.True(json.RootElement.GetProperty("ok").GetBoolean());
        Assert.False(json.RootElement.GetProperty("connected").GetBoolean());
    }

    // The linux-x64 AOT pack (40-65 s) is not run here; its settings are, by evaluating the project as each command
    // would (`dotnet pack` passes _IsPacking=true). A build or publish must stay as it is; only the tool's linux-x64
    // package is Native AOT.
    [Theory]
    [InlineData("pack -r linux-x64", "true", "false", "true", "-p:_IsPacking=true", "-p:RuntimeIdentifier=linux-x64")]
    [InlineData("pack -r any", "false", "false", "false", "-p:_IsPacking=true", "-p:RuntimeIdentifier=any")]
    [InlineData("pack -r linux-musl-x64", "", "false", "false", "-p:_IsPacking=true", "-p:RuntimeIdentifier=linux-musl-x64")]
    [InlineData("publish -r linux-x64", "", "true", "false", "-p:RuntimeIdentifier=linux-x64")]
    public async Task Only_the_linux_x64_tool_pack_is_Native_AOT(string command, string publishAot, string readyToRun, string selfContained, params string[] properties)
    {
        var evaluated = await RunAsync(
            "dotnet",
            ["msbuild", Path.Combine(CliRunner.RepositoryRoot, "xai-grok-onboarding.csproj"), "-nologo", "-getProperty:PublishAot", "-getProperty:PublishReadyToRun", "-getProperty:SelfContained", .. properties],
            new Dictionary<string, string>(),
            RunTimeout);
        Assert.True(evaluated.ExitCode == 0, $"{command}: msbuild failed ({evaluated.ExitCode}):\n{evaluated.Stdout}\n{evaluated.Stderr}");

        using var json = JsonDocument.Parse(evaluated.Stdout);
        var values = json.RootElement.GetProperty("Properties");
        Assert.Equal(
            (command, publishAot, readyToRun, selfContained),
            (command, values.GetProperty("PublishAot").GetString(), values.GetProperty("PublishReadyToRun").GetString(), values.GetProperty("SelfContained").GetString()));
    }

    [Fact]
    public async Task The_library_project_packs_XaiGrok_Onboarding_as_a_plain_library_without_CLI_dependencies()
    {
        var artifacts = Path.Combine(temp, "library");
        await PackProjectAsync(Path.Combine("library", "XaiGrok.Onboarding.csproj"), artifacts, "library");

        var package = Path.Combine(artifacts, $"XaiGrok.Onboarding.{Version}.nupkg");
        Assert.True(File.Exists(package), $"no library package in {artifacts}: {string.Join(", ", Directory.GetFiles(artifacts))}");
        using var zip = ZipFile.OpenRead(package);
        Assert.NotNull(zip.GetEntry("README.md"));
        Assert.NotNull(zip.GetEntry("lib/net10.0/XaiGrok.Onboarding.dll"));
        Assert.NotNull(zip.GetEntry("lib/net10.0/XaiGrok.Onboarding.xml"));
        Assert.DoesNotContain(zip.Entries, e => e.FullName.Contains("xai-grok-onboarding", StringComparison.Ordinal));
        Assert.DoesNotContain(zip.Entries, e => e.FullName.StartsWith("tools/", StringComparison.Ordinal));

        var metadata = Metadata(zip, "XaiGrok.Onboarding.nuspec");
        Assert.Equal("XaiGrok.Onboarding", Child(metadata, "id"));
        Assert.Equal(Version, Child(metadata, "version"));
        Assert.Equal("README.md", Child(metadata, "readme"));
        Assert.Empty(PackageTypes(metadata));
        var dependencies = metadata.Descendants().Where(e => e.Name.LocalName == "dependency").Select(e => (string?)e.Attribute("id")).ToList();
        Assert.Contains("Polly.Core", dependencies);
        Assert.DoesNotContain("System.CommandLine", dependencies);
        Assert.DoesNotContain("QRCoder", dependencies);
        Assert.DoesNotContain("Microsoft.Extensions.Logging.Console", dependencies);
        Assert.DoesNotContain("Microsoft.CodeAnalysis.BannedApiAnalyzers", dependencies);
    }

    private Task PackAsync(string output, string name, params string[] extra) => PackProjectAsync("xai-grok-onboarding.csproj", output, name, extra);

    private async Task PackProjectAsync(string project, string output, string name, params string[] extra)
    {
        // Release, with obj/ and bin/ under the temp folder: nothing of the repository's own build output is touched.
        string[] args =
        [
            "pack", Path.Combine(CliRunner.RepositoryRoot, project), "-c", "Release", "-o", output,
            // The artifacts layout gives each project (the tool and the library it references) obj/ and bin/ folders of
            // its own under one root; a single BaseIntermediateOutputPath would make the two share one project.assets.json.
            "-p:UseArtifactsOutput=true", $"-p:ArtifactsPath={Path.Combine(temp, name, "artifacts")}",
            "-nodeReuse:false", "-p:UseSharedCompilation=false", .. extra,
        ];
        var pack = await RunAsync("dotnet", args, new Dictionary<string, string>(), PackTimeout);
        Assert.True(pack.ExitCode == 0, $"dotnet pack failed ({pack.ExitCode}):\n{pack.Stdout}\n{pack.Stderr}");
    }

    private static XElement Metadata(ZipArchive zip, string nuspec)
    {
        var entry = zip.GetEntry(nuspec);
        Assert.NotNull(entry);
        return ReadXml(entry).Root!.Elements().Single(e => e.Name.LocalName == "metadata");
    }

    private static IEnumerable<string?> PackageTypes(XElement metadata) =>
        metadata.Descendants().Where(e => e.Name.LocalName == "packageType").Select(e => (string?)e.Attribute("name"));

    private static string? Child(XElement parent, string name) =>
        parent.Elements().FirstOrDefault(e => e.Name.LocalName == name)?.Value;

    private static XDocument ReadXml(ZipArchiveEntry entry)
    {
        using var stream = entry.Open();
        return XDocument.Load(stream);
    }

    private static async Task<CliRun> RunAsync(string fileName, IEnumerable<string> args, IReadOnlyDictionary<string, string> environment, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // As CliRunner does: no XAI_/GROK_ variable of the test process leaks in; nor does the MSBuild state of the test host.
        foreach (var name in start.Environment.Keys.ToArray())
        {
            if (name.StartsWith("XAI_", StringComparison.Ordinal) || name.StartsWith("GROK_", StringComparison.Ordinal)
                || name.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase))
            {
                start.Environment.Remove(name);
            }
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {fileName}");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(' ', args)} did not exit within {timeout.TotalSeconds} s");
        }

        return new CliRun(process.ExitCode, await stdout, await stderr);
    }
}
