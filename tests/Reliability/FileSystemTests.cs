using System.Runtime.Versioning;
using XaiGrok.Onboarding.Tests.Integration;
using Xunit;

namespace XaiGrok.Onboarding.Tests.Reliability;

/// <summary>Modes, a planted symlink, an unsafe folder: the state folder stays private and is never written through.</summary>
[SupportedOSPlatform("linux")]
public sealed class FileSystemTests
{
    private const UnixFileMode Folder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode PrivateFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    [Fact]
    public async Task ExistingAuthFile0644_IsTightenedTo0600()
    {
        await using var rig = await Rig.StartAsync();
        await rig.ConnectAsync(rig.NewModule());
        var authFile = Path.Combine(rig.Home, "auth.json");
        File.SetUnixFileMode(authFile, PrivateFile | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        File.SetUnixFileMode(rig.Home, Folder | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);

        var status = await rig.NewModule().StatusAsync(Figures.Ct);

        Assert.Equal(true, status["connected"]);
        Assert.Equal(PrivateFile, File.GetUnixFileMode(authFile));
        Assert.Equal(Folder, File.GetUnixFileMode(rig.Home));
    }

    [Fact]
    public async Task SymlinkPlantedAtAuthJson_IsNotFollowed_TheTargetKeepsItsContent()
    {
        await using var rig = await Rig.StartAsync();
        await rig.ConnectAsync(rig.NewModule());
        var authFile = Path.Combine(rig.Home, "auth.json");
        var outside = Path.Combine(Path.GetDirectoryName(rig.Home)!, "outside.json");
        File.Copy(authFile, outside);
        var targetContent = File.ReadAllBytes(outside);
        File.Delete(authFile);
        File.CreateSymbolicLink(authFile, outside);

        var refresh = await rig.NewModule().RefreshAsync(Figures.Ct);
        var status = await rig.NewModule().StatusAsync(Figures.Ct);
        var models = await rig.NewModule().ModelsAsync(force: true, Figures.Ct);

        Assert.False(refresh.Ok, refresh.ToJson());
        Assert.Equal(targetContent, File.ReadAllBytes(outside));
        Assert.Equal(0, rig.Emulator.Control.Count("grant:refresh_token"));
        Assert.Equal(false, status["connected"]);
        Assert.False(models.Ok);
        Assert.Equal(targetContent, File.ReadAllBytes(outside));
        Figures.Report($"symlink at auth.json: refresh -> {refresh.Error}, status connected=false, target unchanged");
    }

    [Fact]
    public async Task SymlinkPlantedAtAuthJson_ThenSignIn_ReplacesTheLink_NotTheTarget()
    {
        await using var rig = await Rig.StartAsync();
        var module = rig.NewModule();
        await rig.ConnectAsync(module);
        var authFile = Path.Combine(rig.Home, "auth.json");
        var outside = Path.Combine(Path.GetDirectoryName(rig.Home)!, "outside.json");
        File.WriteAllText(outside, "{\"keep\":true}");
        File.Delete(authFile);
        File.CreateSymbolicLink(authFile, outside);

        await rig.ConnectAsync(rig.NewModule());

        Assert.Equal("{\"keep\":true}", File.ReadAllText(outside));
        Assert.Null(new FileInfo(authFile).LinkTarget);
    }

    [Theory]
    [InlineData(UnixFileMode.GroupWrite)]
    [InlineData(UnixFileMode.OtherWrite)]
    public async Task StateFolderWritableByOthers_IsRefused_WithCredentialStoreError(UnixFileMode extra)
    {
        await using var rig = await Rig.StartAsync();
        await rig.ConnectAsync(rig.NewModule());
        File.SetUnixFileMode(rig.Home, Folder | extra | UnixFileMode.GroupRead | UnixFileMode.GroupExecute);

        var status = await rig.NewModule().StatusAsync(Figures.Ct);
        var refresh = await rig.NewModule().RefreshAsync(Figures.Ct);

        foreach (var result in new[] { status, refresh })
        {
            Assert.Equal("credential_store_error", result.Error);
            Assert.Contains("writable by other users", (string)result["detail"]!, StringComparison.Ordinal);
            Assert.Contains("chmod 700", (string)result["detail"]!, StringComparison.Ordinal);
        }

        Assert.Equal(0, rig.Emulator.Control.Count("grant:refresh_token"));
        File.SetUnixFileMode(rig.Home, Folder);
    }
}
