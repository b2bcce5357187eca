using XaiGrok.Onboarding.Credentials;
using XaiGrok.Onboarding.Errors;
using XaiGrok.Onboarding.Tests.Integration;
using Xunit;

namespace XaiGrok.Onboarding.Tests.Session;

/// <summary>The session manager's refresh against the emulator's token endpoint: what it stores, and what a refusal leaves.</summary>
public sealed class SessionRefreshTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Refresh_StoresTheRotatedPair_AndSpendsTheOldRefreshTokenOnce()
    {
        await using var rig = await Rig.StartAsync();
        await rig.ConnectAsync(rig.NewModule());
        using var runtime = rig.NewRuntime();
        var before = runtime.Session.Store.Read().Credential!;

        var refreshed = await runtime.Session.RefreshAsync(before, force: true, Ct);

        Assert.True(refreshed.IsSuccess, refreshed.Failure?.Detail);
        var stored = runtime.Session.Store.Read().Credential!;
        Assert.Equal(refreshed.Value.AccessToken, stored.AccessToken);
        Assert.NotEqual(before.AccessToken, stored.AccessToken);
        Assert.NotEqual(before.RefreshToken, stored.RefreshToken);
        Assert.Equal(1, rig.Emulator.Control.Count("grant:refresh_token"));
        Assert.Equal(0, rig.Emulator.Control.RefreshTokenReuseCount);
    }

    [Fact]
    public async Task Refresh_RefusedAsInvalidGrant_MarksTheStoredSessionForANewSignIn()
    {
        await using var rig = await Rig.StartAsync();
        await rig.ConnectAsync(rig.NewModule());
        using var runtime = rig.NewRuntime();
        var store = runtime.Session.Store;
        store.Write(store.Read().Credential! with { RefreshToken = "canary-refresh-unknown-to-the-server" });

        var refreshed = await runtime.Session.RefreshAsync(null, force: true, Ct);

        Assert.Equal(ErrorCodes.ReauthRequired, refreshed.Failure!.Code);
        Assert.Equal("invalid_grant", refreshed.Failure.ServerError);
        Assert.True(store.Read().Credential!.NeedsReauth);
        var again = await runtime.Session.GetUsableAsync(Ct);
        Assert.Equal(ErrorCodes.ReauthRequired, again.Failure!.Code);
        Assert.Equal(1, rig.Emulator.Control.Count("grant:refresh_token"));
    }
}
