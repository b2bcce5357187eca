using System.Runtime.Versioning;
using System.Text.Json;
using XaiGrok.Emulator;
using XaiGrok.Onboarding.Tests.Support;
using Xunit;

namespace XaiGrok.Onboarding.Tests.Integration;

/// <summary>Images and videos in process, against the emulator on one fake clock: files, persistence, refresh, bounds and the bearer's reach.</summary>
[SupportedOSPlatform("linux")]
public sealed class MediaTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Image_WritesEachImageToAPrivateFile_AndTheResultListsPathsOnly()
    {
        await using var rig = await Rig.StartAsync();
        var module = rig.NewModule();
        await rig.ConnectAsync(module);

        var made = await rig.AdvancingAsync(module.ImageAsync("a red fox", n: 3, cancellationToken: Ct));

        Assert.True(made.Ok, made.ToJson());
        Assert.Equal("xai-grok/grok-imagine-image", made["model"]);
        var files = Files(made);
        Assert.Equal(3, files.Length);
        var media = Path.Combine(rig.Home, "media");
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(media));
        Assert.All(files, file =>
        {
            Assert.Equal(media, Path.GetDirectoryName(file));
            Assert.EndsWith(".png", file, StringComparison.Ordinal);
            Assert.Equal(EmulatorMedia.Png, File.ReadAllBytes(file));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        });
        Assert.Equal(["ok", "model", "files"], made.Keys);
        Assert.DoesNotContain(EmulatorMedia.PngBase64[..16], made.ToJson(), StringComparison.Ordinal);
        using var sent = JsonDocument.Parse(rig.Emulator.Control.LastRequestBody("/v1/images/generations")!);
        Assert.Equal("grok-imagine-image", sent.RootElement.GetProperty("model").GetString());
        Assert.Equal("a red fox", sent.RootElement.GetProperty("prompt").GetString());
        Assert.Equal(3, sent.RootElement.GetProperty("n").GetInt32());
        Assert.Equal("1:1", sent.RootElement.GetProperty("aspect_ratio").GetString());
        Assert.Equal("b64_json", sent.RootElement.GetProperty("response_format").GetString());
        SecretScan.AssertAbsent(made.ToJson(), rig.SecretsOnDisk());
    }

    [Fact]
    public async Task Image_OutPath_OneFileThere_SeveralNumbered()
    {
        await using var rig = await Rig.StartAsync();
        var module = rig.NewModule();
        await rig.ConnectAsync(module);
        var folder = Path.Combine(rig.Home, "..", "out");

        var one = await rig.AdvancingAsync(module.ImageAsync("a fox", outPath: Path.Combine(folder, "fox.png"), cancellationToken: Ct));
        var two = await rig.AdvancingAsync(module.ImageAsync("a fox", n: 2, outPath: Path.Combine(folder, "pair.png"), cancellationToken: Ct));

        Assert.Equal([Path.GetFullPath(Path.Combine(folder, "fox.png"))], Files(one));
        Assert.Equal([Path.GetFullPath(Path.Combine(folder, "pair-1.png")), Path.GetFullPath(Path.Combine(folder, "pair-2.png"))], Files(two));
        Assert.All(Files(two), file => Assert.Equal(EmulatorMedia.Png, File.ReadAllBytes(file)));
    }

    [Theory]
    [InlineData("xai-grok/grok-4.3", "model_unavailable")]
    [InlineData("grok-imagine-video", "model_unavailable")]
    [InlineData("bad model!", "invalid_request")]
    public async Task Image_NotAnImageModel_IsRefusedWithoutARequest(string model, string error)
    {
        await using var rig = await Rig.StartAsync();
        var module = rig.NewModule();
        await rig.ConnectAsync(module);
        rig.Emulator.Control.ResetCounters();

        var made = await module.ImageAsync("a fox", model, cancellationToken: Ct);

        Assert.Equal(error, made.Error);
        Assert.NotNull(made["hint"]);
        Assert.Empty(rig.Emulator.Control.Counters);
    }

    [Theory]
    [InlineData("", 1, "invalid_request")]
    [InlineData("a fox", 0, "invalid_request")]
    [InlineData("a fox", 11, "invalid_request")]
    public async Task Image_BadInput_IsTypedWithoutARequest(string prompt, int n, string error)
    {
        await using var rig = await Rig.StartAsync();
        var module = rig.NewModule();

        var made = await module.ImageAsync(prompt, n: n, cancellationToken: Ct);

        Assert.Equal(error, made.Error);
        Assert.Empty(rig.Emulator.Control.Counters);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Image_TokenRejectedAsExpired_RefreshesOnceAndRetriesOnce(bool as403)
    {
        await using var rig = await Rig.StartAsync(new EmulatorOptions { ExpiredTokenAs403 = as403 });
        var module = rig.NewModule();
        await rig.ConnectAsync(module);
        await module.ModelsAsync(cancellationToken: Ct);
        rig.Emulator.Control.ExpireAccessTokens();
        rig.Emulator.Control.ResetCounters();

        var made = await rig.AdvancingAsync(module.ImageAsync("a fox", cancellationToken: Ct));

        Assert.True(made.Ok, made.ToJson());
        Assert.Equal(1, rig.Emulator.Control.Count("grant:refresh_token"));
        Assert.Equal(2, rig.Emulator.Control.Count("/v1/images/generations"));
    }

    [Theory]
    [InlineData(503, true, null)]
    [InlineData(500, false, "upstream_unavailable")]
    [InlineData(429, true, null)]
    public async Task Image_ServerTrouble_FollowsTheChatRules(int status, bool retried, string? error)
    {
        await using var rig = await Rig.StartAsync();
        var module = rig.NewModule();
        await rig.ConnectAsync(module);
        await module.ModelsAsync(cancellationToken: Ct);
        rig.Emulator.Control.AddFault(new EmulatorFault("/v1/images/generations") { Status = status, RetryAfter = status == 429 ? "2" : null });
        rig.Emulator.Control.ResetCounters();

        var made = await rig.AdvancingAsync(module.ImageAsync("a fox", cancellationToken: Ct));

        Assert.Equal(error, made.Error);
        Assert.Equal(retried ? 2 : 1, rig.Emulator.Control.Count("/v1/images/generations"));
    }

    [Fact]
    public async Task Video_StartInOneModule_PollInAnother_PendingThenDone_DownloadsTheMp4()
    {
        await using var rig = await Rig.StartAsync(new EmulatorOptions { VideoPendingPolls = 1 });
        await rig.ConnectAsync(rig.NewModule());

        var started = await rig.AdvancingAsync(rig.NewModule().VideoStartAsync("a fox running", cancellationToken: Ct));
        var id = (string)started["request_id"]!;
        var wait = (int)started["retry_after_seconds"]!;
        rig.Clock.Advance(TimeSpan.FromSeconds(wait));
        var pending = await rig.AdvancingAsync(rig.NewModule().VideoPollAsync(cancellationToken: Ct));
        rig.Clock.Advance(TimeSpan.FromSeconds((int)pending["retry_after_seconds"]!));
        var done = await rig.AdvancingAsync(rig.NewModule().VideoPollAsync(id, cancellationToken: Ct));

        Assert.True(started.Ok, started.ToJson());
        Assert.Equal("pending", started["status"]);
        Assert.Equal(5, wait);
        Assert.Equal("pending", pending["status"]);
        Assert.Equal("done", done["status"]);
        var file = (string)done["file"]!;
        Assert.Equal(Path.Combine(rig.Home, "media", $"video-{id}.mp4"), file);
        Assert.Equal(EmulatorMedia.Mp4, File.ReadAllBytes(file));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        Assert.Equal(2, rig.Emulator.Control.Count($"/v1/videos/{id}"));
        using var sent = JsonDocument.Parse(rig.Emulator.Control.LastRequestBody("/v1/videos/generations")!);
        Assert.Equal(
            ("grok-imagine-video", "a fox running", 8, "16:9", "720p"),
            (sent.RootElement.GetProperty("model").GetString(), sent.RootElement.GetProperty("prompt").GetString(), sent.RootElement.GetProperty("duration").GetInt32(),
                sent.RootElement.GetProperty("aspect_ratio").GetString(), sent.RootElement.GetProperty("resolution").GetString()));
    }

    [Fact]
    public async Task Video_PollBeforeItsTime_AnswersPendingWithoutARequest()
    {
        await using var rig = await Rig.StartAsync(new EmulatorOptions { VideoRetryAfterSeconds = 20 });
        var module = rig.NewModule();
        await rig.ConnectAsync(module);
        var started = await rig.AdvancingAsync(module.VideoStartAsync("a fox", cancellationToken: Ct));
        rig.Emulator.Control.ResetCounters();
        rig.Clock.Advance(TimeSpan.FromSeconds(15));

        var early = await rig.NewModule().VideoPollAsync(cancellationToken: Ct);

        Assert.Equal(20, (int)started["retry_after_seconds"]!);
        Assert.True(early.Ok, early.ToJson());
        Assert.Equal("pending", early["status"]);
        Assert.Equal(5, (int)early["retry_after_seconds"]!);
        Assert.Empty(rig.Emulator.Control.Counters);
    }

    [Fact]
    public async Task Video_DonePolledAgain_AnswersTheSameFileWithoutARequest()
    {
        await using var rig = await Rig.StartAsync(new EmulatorOptions { VideoPendingPolls = 0 });
        var module = rig.NewModule();
        await rig.ConnectAsync(module);
        var started = await rig.AdvancingAsync(module.VideoStartAsync("a fox", cancellationToken: Ct));
        rig.Clock.Advance(TimeSpan.FromSeconds((int)started["retry_after_seconds"]!));
        var done = await rig.AdvancingAsync(module.VideoPollAsync(cancellationToken: Ct));
        rig.Emulator.Control.ResetCounters();

        var again = await rig.NewModule().VideoPollAsync(cancellationToken: Ct);

        Assert.Equal("done", again["status"]);
        Assert.Equal(done["file"], again["file"]);
        Assert.Empty(rig.Emulator.Control.Counters);
    }

    [Theory]
    [InlineData("failed", "generation_failed")]
    [InlineData("expired", "expired")]
    public async Task Video_EndingFailedOrExpired_IsTypedAndForgotten(string ending, string error)
    {
        await using var rig = await Rig.StartAsync();
        var module = rig.NewModule();
        await rig.ConnectAsync(module);
        var started = await rig.AdvancingAsync(module.VideoStartAsync("a fox", cancellationToken: Ct));
        rig.Emulator.Control.EndVideo((string)started["request_id"]!, ending);
        rig.Clock.Advance(TimeSpan.FromSeconds((int)started["retry_after_seconds"]!));

        var ended = await rig.AdvancingAsync(module.VideoPollAsync(cancellationToken: Ct));
        var after = await module.VideoPollAsync(cancellationToken: Ct);

        Assert.Equal(error, ended.Error);
        Assert.Contains("video start", (string)ended["hint"]!, StringComparison.Ordinal);
        Assert.Equal("no_pending_flow", after.Error);
    }

    [Fact]
    public async Task Video_Poll_WithNothingStarted_IsNoPendingFlow()
    {
        await using var rig = await Rig.StartAsync();

        var polled = await rig.NewModule().VideoPollAsync(cancellationToken: Ct);

        Assert.Equal("no_pending_flow", polled.Error);
        Assert.Empty(rig.Emulator.Control.Counters);
    }

    [Fact]
    public async Task Video_StatusTokenRejectedAsExpired_RefreshesOnceAndRetries()
    {
        await using var rig = await Rig.StartAsync(new EmulatorOptions { VideoPendingPolls = 0 });
        var module = rig.NewModule();
        await rig.ConnectAsync(module);
        var started = await rig.AdvancingAsync(module.VideoStartAsync("a fox", cancellationToken: Ct));
        var id = (string)started["request_id"]!;
        rig.Emulator.Control.ExpireAccessTokens();
        rig.Emulator.Control.ResetCounters();
        rig.Clock.Advance(TimeSpan.FromSeconds(5));

        var done = await rig.AdvancingAsync(module.VideoPollAsync(cancellationToken: Ct));

        Assert.Equal("done", done["status"]);
        Assert.Equal(1, rig.Emulator.Control.Count("grant:refresh_token"));
        Assert.Equal(2, rig.Emulator.Control.Count($"/v1/videos/{id}"));
    }

    [Fact]
    public async Task Video_LinkOnAnotherOrigin_IsFetchedWithoutTheBearer_WhileTheApisOwnOriginGetsIt()
    {
        await using var rig = await Rig.StartAsync(new EmulatorOptions { VideoPendingPolls = 0 });
        await using var fileHost = await XaiEmulator.StartAsync(ct: Ct);
        var module = rig.NewModule();
        await rig.ConnectAsync(module);

        var own = await MakeVideoAsync(rig, module);
        rig.Emulator.Control.VideoUrlOrigin = fileHost.Issuer;
        var foreign = await MakeVideoAsync(rig, module);

        Assert.Equal("done", own["status"]);
        Assert.Equal("done", foreign["status"]);
        Assert.Equal(EmulatorMedia.Mp4, File.ReadAllBytes((string)foreign["file"]!));
        Assert.Equal(1, rig.Emulator.Control.VideoDownloadsWithAuthorization);
        Assert.Equal(1, fileHost.Control.Count($"/media/videos/{foreign["request_id"]}.mp4"));
        Assert.Equal(0, fileHost.Control.VideoDownloadsWithAuthorization);
    }

    [Fact]
    public async Task Video_LinkOverPlainHttpToAnotherHost_IsNotFetched()
    {
        await using var rig = await Rig.StartAsync(new EmulatorOptions { VideoPendingPolls = 0 });
        var module = rig.NewModule();
        await rig.ConnectAsync(module);
        rig.Emulator.Control.VideoUrlOrigin = "http://files.example.test";

        var polled = await MakeVideoAsync(rig, module);

        Assert.Equal("invalid_response", polled.Error);
        Assert.Empty(Directory.Exists(Path.Combine(rig.Home, "media")) ? Directory.GetFiles(Path.Combine(rig.Home, "media")) : []);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Video_LargerThanTheBound_IsRefusedAndNothingIsKept(bool withoutLength)
    {
        await using var rig = await Rig.StartAsync(new EmulatorOptions { VideoPendingPolls = 0 }, options => options with { MediaMaxBytes = 40 });
        await using var fileHost = await XaiEmulator.StartAsync(ct: Ct);
        var module = rig.NewModule();
        await rig.ConnectAsync(module);
        if (withoutLength)
        {
            // Sent chunked, with no Content-Length: only counting the bytes as they come can stop it.
            rig.Emulator.Control.VideoUrlOrigin = fileHost.Issuer;
            fileHost.Control.AddFault(new EmulatorFault("/media/videos/") { Status = 200, ContentType = "video/mp4", Body = new string('x', 200_000) });
        }

        var polled = await MakeVideoAsync(rig, module);

        Assert.Equal("invalid_response", polled.Error);
        Assert.Contains("40 bytes", (string)polled["detail"]!, StringComparison.Ordinal);
        Assert.Contains("XAI_MEDIA_MAX_BYTES", (string)polled["hint"]!, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(Path.Combine(rig.Home, "media"), "*", SearchOption.AllDirectories));
    }

    private static async Task<SkillResult> MakeVideoAsync(Rig rig, GrokOnboarding module)
    {
        var started = await rig.AdvancingAsync(module.VideoStartAsync("a fox", cancellationToken: Ct));
        Assert.True(started.Ok, started.ToJson());
        rig.Clock.Advance(TimeSpan.FromSeconds((int)started["retry_after_seconds"]!));
        return await rig.AdvancingAsync(module.VideoPollAsync((string)started["request_id"]!, cancellationToken: Ct));
    }

    private static string[] Files(SkillResult result) => [.. ((System.Collections.IEnumerable)result["files"]!).Cast<string>()];
}
