using XaiGrok.Emulator;
using Xunit;

namespace XaiGrok.Onboarding.Tests.Integration;

/// <summary>Broken or hostile answers of the media endpoints: each a typed ok:false, nothing written, nothing thrown.</summary>
public sealed class MediaHostileAnswerTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("<html>busy</html>")]
    [InlineData("{\"data\":[]}")]
    [InlineData("{\"data\":[{\"url\":\"https://elsewhere.example/fox.png\"}]}")]
    [InlineData("{\"data\":[{\"b64_json\":\"not base64 at all!\"}]}")]
    [InlineData("{\"data\":[{\"b64_json\":42}]}")]
    [InlineData("{\"data\":{\"b64_json\":\"iVBORw0KGgo=\"}}")]
    public async Task Image_UnreadableAnswer_IsInvalidResponse_AndWritesNothing(string body)
    {
        await using var rig = await Rig.StartAsync();
        var module = rig.NewModule();
        await rig.ConnectAsync(module);
        rig.Emulator.Control.AddFault(new EmulatorFault("/v1/images/generations") { Status = 200, Body = body });

        var made = await rig.AdvancingAsync(module.ImageAsync("a fox", cancellationToken: Ct));

        Assert.Equal("invalid_response", made.Error);
        Assert.False(Directory.Exists(Path.Combine(rig.Home, "media")) && Directory.EnumerateFileSystemEntries(Path.Combine(rig.Home, "media")).Any());
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"request_id\":\"../../auth\"}")]
    [InlineData("{\"request_id\":\"\"}")]
    [InlineData("{\"request_id\":7}")]
    public async Task VideoStart_UnusableRequestId_IsInvalidResponse_AndNothingIsSaved(string body)
    {
        await using var rig = await Rig.StartAsync();
        var module = rig.NewModule();
        await rig.ConnectAsync(module);
        rig.Emulator.Control.AddFault(new EmulatorFault("/v1/videos/generations") { Status = 200, Body = body });

        var started = await rig.AdvancingAsync(module.VideoStartAsync("a fox", cancellationToken: Ct));

        Assert.Equal("invalid_response", started.Error);
        Assert.Empty(Directory.GetFiles(rig.Home, "video-*"));
    }

    [Theory]
    [InlineData("{\"status\":\"rendering\"}")]
    [InlineData("{\"status\":\"done\"}")]
    [InlineData("{\"status\":\"done\",\"video\":{\"url\":\"not a url\"}}")]
    [InlineData("[]")]
    public async Task VideoPoll_UnreadableStatus_IsInvalidResponse_AndTheRequestIsKept(string body)
    {
        await using var rig = await Rig.StartAsync(new EmulatorOptions { VideoPendingPolls = 0 });
        var module = rig.NewModule();
        await rig.ConnectAsync(module);
        var started = await rig.AdvancingAsync(module.VideoStartAsync("a fox", cancellationToken: Ct));
        rig.Emulator.Control.AddFault(new EmulatorFault("/v1/videos/" + (string)started["request_id"]!) { Status = 200, Body = body });
        rig.Clock.Advance(TimeSpan.FromSeconds(5));

        var polled = await rig.AdvancingAsync(module.VideoPollAsync(cancellationToken: Ct));
        rig.Clock.Advance(TimeSpan.FromSeconds((int)polled["retry_after_seconds"]!));
        var again = await rig.AdvancingAsync(module.VideoPollAsync(cancellationToken: Ct));

        Assert.Equal("invalid_response", polled.Error);
        Assert.Equal("done", again["status"]);
    }
}
