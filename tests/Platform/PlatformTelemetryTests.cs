using XaiGrok.Onboarding.Tests.Telemetry;
using Xunit;

namespace XaiGrok.Onboarding.Tests.Platform;

/// <summary>The platform's user id reaches that user's activities as <c>enduser.id</c>, and only that user's.</summary>
public sealed class PlatformTelemetryTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task EachUsersActivities_CarryTheirOwnPlatformUserId()
    {
        using var capture = new TelemetryCapture();
        await using var rig = await PlatformRig.StartAsync();
        await rig.ConnectAsync("alice");
        await rig.ConnectAsync("bob");

        var alice = await rig.Platform.ForUser("alice").ChatAsync("xai-grok/grok-4.3", [ChatMessage.User("Hello")], cancellationToken: Ct);
        var bob = await rig.Platform.SessionFor("bob").ChatAsync("xai-grok/grok-4.3", [ChatMessage.User("Hello")], cancellationToken: Ct);

        Assert.True(alice.Ok, alice.ToJson());
        Assert.True(bob.IsSuccess);
        var chats = capture.Activities(new Uri(rig.Emulator.Issuer).Port).Where(a => a.DisplayName.StartsWith("chat ", StringComparison.Ordinal)).ToList();
        Assert.Equal(["alice", "bob"], chats.Select(a => (string?)a.GetTagItem("enduser.id")).Order(StringComparer.Ordinal));
    }
}
