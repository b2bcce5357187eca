using XaiGrok.Onboarding.Models;
using Xunit;

namespace XaiGrok.Onboarding.Tests.Models;

public sealed class ModelKindsTests
{
    [Theory]
    [InlineData("grok-4.3", "chat")]
    [InlineData("grok-4.20-multi-agent-0309", "chat")]
    [InlineData("grok-code-fast-1", "chat")]
    [InlineData("grok-imagine-image", "image")]
    [InlineData("grok-imagine", "image")]
    [InlineData("grok-imagine-image-pro", "image")]
    [InlineData("GROK-IMAGINE-IMAGE", "image")]
    [InlineData("grok-imagine-video", "video")]
    [InlineData("grok-imagine-video-fast", "video")]
    [InlineData("Grok-Imagine-Video", "video")]
    [InlineData("my-grok-imagine-video", "chat")]
    public void KindOf_ImagineModelsAreMediaTheRestChat(string upstreamId, string kind) =>
        Assert.Equal(kind, ModelKinds.KindOf(upstreamId));

    [Fact]
    public void DefaultModelId_IsGrok43WithThePrefix()
    {
        Assert.Equal("xai-grok/", ModelKinds.Prefix);
        Assert.Equal("xai-grok/grok-4.3", ModelKinds.DefaultModelId);
    }
}
