using XaiGrok.Emulator;
using Xunit;

namespace XaiGrok.Onboarding.Tests.Cli;

/// <summary>The media verbs as an agent runs them: separate processes, one JSON object each, files on disk, no bytes or secrets in the output.</summary>
public sealed class CliMediaTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Image_WritesTheImages_AndPrintsTheirPathsOnly()
    {
        await using var cli = await CliHarness.StartAsync();
        await cli.ConnectAsync();
        var folder = Path.Combine(cli.Home.Parent, "pictures") + Path.DirectorySeparatorChar;

        var run = await cli.RunAsync("image", "--prompt", "a red fox", "--n", "2", "--out", folder);

        Assert.True(run.ExitCode == 0, run.ToString());
        var json = CliHarness.AssertOneJsonObject(run);
        Assert.Equal(["ok", "model", "files"], json.EnumerateObject().Select(property => property.Name));
        Assert.Equal("xai-grok/grok-imagine-image", json.GetProperty("model").GetString());
        var files = json.GetProperty("files").EnumerateArray().Select(file => file.GetString()!).ToArray();
        Assert.Equal(2, files.Length);
        Assert.All(files, file =>
        {
            Assert.StartsWith(folder, file, StringComparison.Ordinal);
            Assert.Equal(EmulatorMedia.Png, File.ReadAllBytes(file));
        });

        // Not the image's base64 (nor any long run of it), on either stream.
        Assert.DoesNotContain(EmulatorMedia.PngBase64[..12], run.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain(EmulatorMedia.PngBase64[..12], run.Stderr, StringComparison.Ordinal);
        cli.AssertNoSecretsLeaked();
    }

    [Fact]
    public async Task Image_WithoutPrompt_IsAUsageError()
    {
        await using var cli = await CliHarness.StartAsync();

        var run = await cli.RunAsync("image");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("usage_error", run.Json.GetProperty("error").GetString());
        CliHarness.AssertNoStackTrace(run);
    }

    [Fact]
    public async Task Image_AfterTheTokenExpired_RefreshesOnceAndSucceeds()
    {
        await using var cli = await CliHarness.StartAsync();
        await cli.ConnectAsync();
        cli.Control.ExpireAccessTokens();
        cli.Control.ResetCounters();

        var run = await cli.RunAsync("image", "--prompt", "a fox", "--model", "xai-grok/grok-imagine-image");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(1, cli.Control.Count("grant:refresh_token"));
        Assert.Equal(2, cli.Control.Count("/v1/images/generations"));
        cli.AssertNoSecretsLeaked();
    }

    [Fact]
    public async Task Video_StartInOneProcess_PollInOthers_NotBeforeItsTime_ThenDownloads()
    {
        await using var cli = await CliHarness.StartAsync(VideoOptions());
        await cli.ConnectAsync();

        var start = await cli.RunAsync("video", "start", "--prompt", "a fox running");
        var id = start.Json.GetProperty("request_id").GetString()!;
        cli.Control.ResetCounters();
        var early = await cli.RunAsync("video", "poll");
        var requestsWhileEarly = cli.Control.Counters.Values.Sum();
        await CliHarness.WaitPollIntervalAsync(start.Json.GetProperty("retry_after_seconds").GetInt32() + 0.05);
        var done = await cli.RunAsync("video", "poll", "--request-id", id);

        Assert.True(start.ExitCode == 0, start.ToString());
        Assert.Equal("pending", start.Json.GetProperty("status").GetString());
        Assert.Equal(1, start.Json.GetProperty("retry_after_seconds").GetInt32());
        Assert.True(early.ExitCode == 0, early.ToString());
        Assert.Equal("pending", early.Json.GetProperty("status").GetString());
        Assert.Equal(0, requestsWhileEarly);
        Assert.True(done.ExitCode == 0, done.ToString());
        Assert.Equal("done", done.Json.GetProperty("status").GetString());
        var file = done.Json.GetProperty("file").GetString()!;
        Assert.Equal(Path.Combine(cli.Home.Path, "media", $"video-{id}.mp4"), file);
        Assert.Equal(EmulatorMedia.Mp4, File.ReadAllBytes(file));
        Assert.Equal(1, cli.Control.Count($"/v1/videos/{id}"));
        cli.AssertNoSecretsLeaked();
    }

    [Theory]
    [InlineData("failed", "generation_failed")]
    [InlineData("expired", "expired")]
    public async Task Video_FailedOrExpired_IsATypedFailure(string ending, string error)
    {
        await using var cli = await CliHarness.StartAsync(VideoOptions());
        await cli.ConnectAsync();
        var start = await cli.RunAsync("video", "start", "--prompt", "a fox");
        cli.Control.EndVideo(start.Json.GetProperty("request_id").GetString()!, ending);
        await CliHarness.WaitPollIntervalAsync();

        var poll = await cli.RunAsync("video", "poll");

        Assert.Equal(1, poll.ExitCode);
        var json = CliHarness.AssertOneJsonObject(poll);
        Assert.Equal(error, json.GetProperty("error").GetString());
        Assert.Contains("video start", json.GetProperty("hint").GetString(), StringComparison.Ordinal);
        CliHarness.AssertNoStackTrace(poll);
        cli.AssertNoSecretsLeaked();
    }

    [Fact]
    public async Task Video_LinkOnAnotherOrigin_GetsNoBearer()
    {
        await using var cli = await CliHarness.StartAsync(VideoOptions());
        await using var fileHost = await XaiEmulator.StartAsync(ct: Ct);
        await cli.ConnectAsync();
        cli.Control.VideoUrlOrigin = fileHost.Issuer;
        var start = await cli.RunAsync("video", "start", "--prompt", "a fox");
        await CliHarness.WaitPollIntervalAsync();
        var output = Path.Combine(cli.Home.Parent, "fox.mp4");

        var poll = await cli.RunAsync("video", "poll", "--out", output);

        Assert.True(poll.ExitCode == 0, poll.ToString());
        Assert.Equal(output, poll.Json.GetProperty("file").GetString());
        Assert.Equal(EmulatorMedia.Mp4, File.ReadAllBytes(output));
        Assert.Equal(1, fileHost.Control.Count($"/media/videos/{start.Json.GetProperty("request_id").GetString()}.mp4"));
        Assert.Equal(0, fileHost.Control.VideoDownloadsWithAuthorization);
        cli.AssertNoSecretsLeaked();
    }

    [Fact]
    public async Task Video_LargerThanXaiMediaMaxBytes_IsRefusedAndNothingIsKept()
    {
        await using var cli = await CliHarness.StartAsync(VideoOptions());
        cli.Environment["XAI_MEDIA_MAX_BYTES"] = "40";
        await cli.ConnectAsync();
        await cli.RunAsync("video", "start", "--prompt", "a fox");
        await CliHarness.WaitPollIntervalAsync();

        var poll = await cli.RunAsync("video", "poll");

        Assert.Equal(1, poll.ExitCode);
        Assert.Equal("invalid_response", poll.Json.GetProperty("error").GetString());
        Assert.Contains("XAI_MEDIA_MAX_BYTES", poll.Json.GetProperty("hint").GetString(), StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(Path.Combine(cli.Home.Path, "media")));
        cli.AssertNoSecretsLeaked();
    }

    private static EmulatorOptions VideoOptions() =>
        new() { PollIntervalSeconds = 1, EnforcePollInterval = true, VideoPendingPolls = 0, VideoRetryAfterSeconds = 1 };
}
