using XaiGrok.Onboarding.Errors;
using XaiGrok.Onboarding.Media;
using Xunit;

namespace XaiGrok.Onboarding.Tests.Media;

/// <summary>What a caller asks of the media models is checked before any request: a typed refusal naming what to fix.</summary>
public sealed class MediaInputTests
{
    [Fact]
    public void Image_Defaults_OneSquareImage_WithTheTrimmedPrompt()
    {
        var request = MediaInput.Image("  a red kite  ", model: null, count: null, aspectRatio: null, outPath: null);

        Assert.True(request.IsSuccess);
        Assert.Equal("a red kite", request.Value.Prompt);
        Assert.Equal(1, request.Value.Count);
        Assert.Equal(MediaInput.DefaultImageAspectRatio, request.Value.AspectRatio);
    }

    [Theory]
    [InlineData(null, 1, null, "prompt")]
    [InlineData("   ", 1, null, "prompt")]
    [InlineData("kite", 0, null, "n must be")]
    [InlineData("kite", 11, null, "n must be")]
    [InlineData("kite", 1, "16x9", "aspect_ratio")]
    [InlineData("kite", 1, "160:9", "aspect_ratio")]
    public void Image_BadInput_IsAnInvalidRequestNamingIt(string? prompt, int count, string? ratio, string named)
    {
        var request = MediaInput.Image(prompt, null, count, ratio, null);

        Assert.Equal(ErrorCodes.InvalidRequest, request.Failure!.Code);
        Assert.Contains(named, request.Failure.Detail, StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(request.Failure.Hint));
    }

    [Fact]
    public void Image_PromptOverTheLimit_IsRefused()
    {
        var request = MediaInput.Image(new string('x', MediaInput.MaxPromptLength + 1), null, 1, null, null);

        Assert.Equal(ErrorCodes.InvalidRequest, request.Failure!.Code);
    }

    [Fact]
    public void Video_Defaults_EightSecondsWideAt720p()
    {
        var spec = MediaInput.Video("waves", null, null, null, null);

        Assert.Equal((MediaInput.DefaultDurationSeconds, MediaInput.DefaultVideoAspectRatio, MediaInput.DefaultResolution), (spec.Value!.DurationSeconds, spec.Value.AspectRatio, spec.Value.Resolution));
    }

    [Theory]
    [InlineData(0, null, "duration")]
    [InlineData(16, null, "duration")]
    [InlineData(8, "720", "resolution")]
    [InlineData(8, "p", "resolution")]
    [InlineData(8, "72Op", "resolution")]
    public void Video_BadInput_IsAnInvalidRequestNamingIt(int duration, string? resolution, string named)
    {
        var spec = MediaInput.Video("waves", null, duration, null, resolution);

        Assert.Equal(ErrorCodes.InvalidRequest, spec.Failure!.Code);
        Assert.Contains(named, spec.Failure.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("out\0put.png")]
    public void OutPath_NoPathAtAll_IsRefused(string outPath) => Assert.Equal(ErrorCodes.InvalidRequest, MediaInput.OutPath(outPath)!.Code);

    [Fact]
    public void OutPath_AnyRealPath_MayBeTried() => Assert.Null(MediaInput.OutPath("media/kite.png"));
}
