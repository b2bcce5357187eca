using XaiGrok.Onboarding.Storage;
using XaiGrok.Onboarding.Tests.Integration;
using Xunit;

namespace XaiGrok.Onboarding.Tests.Reliability;

/// <summary>A lock that is never released in time: a clear error, no request, no write without the lock.</summary>
public sealed class LockTimeoutTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Refresh_WhileAnotherHolderKeepsTheLock_FailsClearly_WithoutRequestOrWrite()
    {
        await using var rig = await Rig.StartAsync(configure: options => options with { LockTimeout = TimeSpan.FromSeconds(10) });
        var module = rig.NewModule();
        await rig.ConnectAsync(module);
        var authFile = new StatePaths(rig.Home).CredentialFile;
        var before = await File.ReadAllBytesAsync(authFile, Ct);
        rig.Emulator.Control.ResetCounters();

        SkillResult refused;
        using (await CrossProcessLock.AcquireAsync(new StatePaths(rig.Home).CredentialLock, TimeSpan.FromSeconds(1), rig.Clock, Ct))
        {
            // The module waits on the fake clock, which the rig moves through the retry waits to the 10 s timeout.
            refused = await rig.AdvancingAsync(module.RefreshAsync(Ct));
        }

        var untouched = await File.ReadAllBytesAsync(authFile, Ct);
        var requestsWhileHeld = rig.Emulator.Control.Count("grant:refresh_token");
        var after = await module.RefreshAsync(Ct);

        Assert.Equal(before, untouched);
        Assert.Equal(0, requestsWhileHeld);
        Assert.False(refused.Ok);
        Assert.Equal("credential_store_error", refused.Error);
        Assert.Contains("lock", (string)refused["detail"]!, StringComparison.Ordinal);
        Assert.Contains("10 s", (string)refused["detail"]!, StringComparison.Ordinal);
        Assert.True(after.Ok, after.ToJson());
        Assert.NotEqual(before, await File.ReadAllBytesAsync(authFile, Ct));
    }
}
